package io.grpclab.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What a running packaged app holds, read from outside: open file descriptors and threads from /proc, and the heap
 * after a full GC (asked of the JVM with jcmd, read from the app's metrics; null for the native executable, which has
 * no jcmd).
 */
public record ProcessUsage(long atMs, int fileDescriptors, int threads, Long heapAfterGcBytes) {

    public static ProcessUsage of(PackagedApp app, long atMs) throws IOException, InterruptedException {
        Path proc = Path.of("/proc", Long.toString(app.pid()));
        int fds;
        try (Stream<Path> open = Files.list(proc.resolve("fd"))) {
            fds = (int) open.count();
        }
        int threads = Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("Threads:"))
                .mapToInt(l -> Integer.parseInt(l.substring("Threads:".length()).trim())).findFirst().orElseThrow();
        return new ProcessUsage(atMs, fds, threads, app.isNative() ? null : heapAfterGc(app));
    }

    private static long heapAfterGc(PackagedApp app) throws IOException, InterruptedException {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(app.pid()), "GC.run").redirectErrorStream(true).start();
        gc.getInputStream().readAllBytes();
        if (!gc.waitFor(30, TimeUnit.SECONDS) || gc.exitValue() != 0) {
            throw new IllegalStateException("jcmd GC.run failed for " + app.pid());
        }
        return (long) app.metrics().lines()
                .filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** The least-squares slope of {@code value} over the samples, per second. */
    public static double slopePerSecond(List<ProcessUsage> samples, java.util.function.ToDoubleFunction<ProcessUsage> value) {
        int n = samples.size();
        double meanT = samples.stream().mapToDouble(s -> s.atMs() / 1000.0).average().orElseThrow();
        double meanV = samples.stream().mapToDouble(value).average().orElseThrow();
        double covariance = 0;
        double variance = 0;
        for (ProcessUsage s : samples) {
            double t = s.atMs() / 1000.0 - meanT;
            covariance += t * (value.applyAsDouble(s) - meanV);
            variance += t * t;
        }
        return n < 2 || variance == 0 ? 0 : covariance / variance;
    }
}
