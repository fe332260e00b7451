package dev.stepline.lambda;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider that writes each log event as one JSON line on standard output, where the
 * Lambda runtime sends it to CloudWatch Logs. It loads a handful of classes, against the hundreds
 * of a Logback or Log4j 2 configuration, which keeps cold starts short.
 *
 * <p>The level comes from {@code AWS_LAMBDA_LOG_LEVEL}, which Lambda sets from the function's
 * {@code ApplicationLogLevel}, and is {@code INFO} when that is unset. The system property {@value
 * #LEVEL_PROPERTY} takes precedence over it, and {@code OFF} turns logging off: the local CLI uses
 * it to keep its standard output for results.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
  /**
   * System property with the log level, which takes precedence over {@code AWS_LAMBDA_LOG_LEVEL}.
   */
  public static final String LEVEL_PROPERTY = "stepline.log.level";

  private ILoggerFactory loggerFactory;
  private IMarkerFactory markerFactory;
  private MDCAdapter mdcAdapter;

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggerFactory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markerFactory;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdcAdapter;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {
    String level = System.getProperty(LEVEL_PROPERTY, System.getenv("AWS_LAMBDA_LOG_LEVEL"));
    Level threshold = JsonLogger.parseLevel(level);
    mdcAdapter = new BasicMDCAdapter();
    markerFactory = new BasicMarkerFactory();
    loggerFactory = name -> new JsonLogger(name, threshold, mdcAdapter);
  }
}
