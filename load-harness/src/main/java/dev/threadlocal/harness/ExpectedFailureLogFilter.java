package dev.threadlocal.harness;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.jspecify.annotations.Nullable;
import org.slf4j.Marker;

/**
 * Logback filter that drops the log events of the harness's on-purpose failures, so that
 * thousands of throwing requests do not log an error each while every other error still
 * does.
 *
 * @since 0.1.0
 */
public class ExpectedFailureLogFilter extends TurboFilter {

	@Override
	public FilterReply decide(@Nullable Marker marker, Logger logger, Level level, @Nullable String format,
			@Nullable Object @Nullable [] params, @Nullable Throwable throwable) {
		for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
			if (cause instanceof HarnessController.HarnessFailureException) {
				return FilterReply.DENY;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return FilterReply.NEUTRAL;
	}

}
