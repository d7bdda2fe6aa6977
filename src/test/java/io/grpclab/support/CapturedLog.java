package io.grpclab.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;

/** The formatted log lines of a logger and its children while a test runs (at a level or above, when given). */
public final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private CapturedLog(String category, Level level) {
        this.logger = Logger.getLogger(category);
        setLevel(level);
        logger.addHandler(this);
    }

    public static CapturedLog of(String category) {
        return new CapturedLog(category, Level.ALL);
    }

    /** Only the records at {@code level} or above (the level of the lines a log shipper would alert on). */
    public static CapturedLog of(String category, Level level) {
        return new CapturedLog(category, level);
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        lines.add(record.getLoggerName() + " " + message
                + (record.getThrown() == null ? "" : " " + record.getThrown()));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
