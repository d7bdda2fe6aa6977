package io.grpclab.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/** What a certificate must be before it is served: valid now, and naming what the one it replaces named. */
final class CertificateRules {

    private CertificateRules() {
    }

    static void requireValidNow(X509Certificate certificate, Path file) throws GeneralSecurityException {
        Date now = new Date();
        if (now.after(certificate.getNotAfter())) {
            throw new GeneralSecurityException("the certificate in " + file + " expired on "
                    + certificate.getNotAfter().toInstant());
        }
        if (now.before(certificate.getNotBefore())) {
            throw new GeneralSecurityException("the certificate in " + file + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    static void requireNames(X509Certificate certificate, Set<String> needed, Path file)
            throws GeneralSecurityException {
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(names(certificate));
        if (!missing.isEmpty()) {
            throw new GeneralSecurityException("the certificate in " + file + " does not name " + missing
                    + ", which the certificate it would replace names");
        }
    }

    /** A certificate's host names and addresses (its subject alternative names; else its common name). */
    static Set<String> names(X509Certificate certificate) throws GeneralSecurityException {
        Set<String> names = new TreeSet<>();
        Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
        if (alternatives != null) {
            for (List<?> name : alternatives) {
                int type = (Integer) name.get(0);
                if (type == 2 || type == 7) { // dNSName, iPAddress
                    names.add(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) {
            for (String part : certificate.getSubjectX500Principal().getName().split(",")) {
                if (part.startsWith("CN=")) {
                    names.add(part.substring(3).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }
}
