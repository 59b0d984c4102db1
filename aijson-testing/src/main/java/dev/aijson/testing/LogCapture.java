package dev.aijson.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what one {@link java.util.logging} logger publishes while it is open; closing it
 * detaches it from the logger.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.of(ReplayModule.class)) {
 *   ReplayModule.from(json);
 *   assertThat(log.records()).hasSize(1);
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  private final Logger logger;
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord record) {
      records.add(record);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };

  private LogCapture(Logger logger) {
    this.logger = logger;
    logger.addHandler(handler);
  }

  /** Starts collecting the records of the logger named after {@code type}, as aijson names its loggers. */
  public static LogCapture of(Class<?> type) {
    return new LogCapture(Logger.getLogger(type.getName()));
  }

  /** Returns the records published since this capture was opened, in order. */
  public List<LogRecord> records() {
    return List.copyOf(records);
  }

  /** Stops collecting: detaches the capture from its logger. */
  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
