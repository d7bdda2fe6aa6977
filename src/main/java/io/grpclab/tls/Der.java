package io.grpclab.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The few ASN.1 DER encodings the development CA writes and the traditional key files need, by hand: the JDK has no
 * public certificate builder, and BouncyCastle, the usual one, costs every profile half a second of start-up, because
 * Netty's TLS loads and verifies its signed jars whenever they are on the class path.
 */
final class Der {

    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int SEQUENCE = 0x30;

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
    private static final DateTimeFormatter GENERALIZED_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

    private Der() {
    }

    /** A type-length-value with definite length. */
    static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        int length = content.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else {
            byte[] digits = BigInteger.valueOf(length).toByteArray();
            int skip = digits[0] == 0 ? 1 : 0;
            out.write(0x80 | (digits.length - skip));
            out.write(digits, skip, digits.length - skip);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }

    static byte[] sequence(byte[]... parts) {
        return tlv(SEQUENCE, parts);
    }

    static byte[] integer(BigInteger value) {
        return tlv(INTEGER, value.toByteArray());
    }

    static byte[] bool(boolean value) {
        return tlv(0x01, new byte[] { (byte) (value ? 0xFF : 0x00) });
    }

    static byte[] octetString(byte[] value) {
        return tlv(OCTET_STRING, value);
    }

    /** A BIT STRING of whole bytes. */
    static byte[] bitString(byte[] value) {
        byte[] content = new byte[value.length + 1];
        System.arraycopy(value, 0, content, 1, value.length);
        return tlv(0x03, content);
    }

    static byte[] nullValue() {
        return new byte[] { 0x05, 0x00 };
    }

    static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        base128(out, Long.parseLong(arcs[0]) * 40 + Long.parseLong(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            base128(out, Long.parseLong(arcs[i]));
        }
        return tlv(0x06, out.toByteArray());
    }

    /** A certificate's time as RFC 5280 wants it: UTCTime until 2049, GeneralizedTime after, in UTC, to the second. */
    static byte[] time(ZonedDateTime instant) {
        ZonedDateTime utc = instant.withZoneSameInstant(ZoneOffset.UTC);
        boolean utcTime = utc.getYear() < 2050;
        return tlv(utcTime ? 0x17 : 0x18,
                (utcTime ? UTC_TIME : GENERALIZED_TIME).format(utc).getBytes(StandardCharsets.US_ASCII));
    }

    /** A context-specific tag wrapping whole encodings ([n] EXPLICIT, or an IMPLICIT constructed type). */
    static byte[] explicit(int number, byte[]... parts) {
        return tlv(0xA0 | number, parts);
    }

    /** A context-specific tag replacing a primitive type's own ([n] IMPLICIT). */
    static byte[] implicit(int number, byte[] content) {
        return tlv(0x80 | number, content);
    }

    /** The elements of the constructed encoding at the start of {@code der}, each a whole encoding. */
    static byte[][] elements(byte[] der) {
        int[] header = header(der, 0);
        int end = header[0] + header[1];
        List<byte[]> elements = new ArrayList<>();
        for (int at = header[0]; at < end;) {
            int[] element = header(der, at);
            int next = element[0] + element[1];
            elements.add(Arrays.copyOfRange(der, at, next));
            at = next;
        }
        return elements.toArray(byte[][]::new);
    }

    /** The content of the encoding at the start of {@code der}. */
    static byte[] content(byte[] der) {
        int[] header = header(der, 0);
        return Arrays.copyOfRange(der, header[0], header[0] + header[1]);
    }

    /** Where the content of the encoding at {@code at} starts, and its length. */
    private static int[] header(byte[] der, int at) {
        if (at + 2 > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        int length = der[at + 1] & 0xFF;
        int start = at + 2;
        if (length >= 0x80) {
            int digits = length & 0x7F;
            if (digits == 0 || digits > 3 || start + digits > der.length) {
                throw new IllegalArgumentException("unsupported DER length");
            }
            length = 0;
            for (int i = 0; i < digits; i++) {
                length = (length << 8) | (der[start++] & 0xFF);
            }
        }
        if (start + length > der.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new int[] { start, length };
    }

    private static void base128(ByteArrayOutputStream out, long value) {
        int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
        for (int i = groups - 1; i >= 0; i--) {
            out.write((int) ((value >>> (7 * i)) & 0x7F) | (i > 0 ? 0x80 : 0));
        }
    }
}
