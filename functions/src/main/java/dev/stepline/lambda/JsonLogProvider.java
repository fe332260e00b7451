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
 * {@code ApplicationLogLevel}, and is {@code INFO} when that is unset.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {
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
    Level threshold = JsonLogger.parseLevel(System.getenv("AWS_LAMBDA_LOG_LEVEL"));
    mdcAdapter = new BasicMDCAdapter();
    markerFactory = new BasicMarkerFactory();
    loggerFactory = name -> new JsonLogger(name, threshold, mdcAdapter);
  }
}
