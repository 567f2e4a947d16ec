package dev.threadlocal.hygiene;

import java.util.List;

import org.springframework.context.i18n.LocaleContextHolder;

/**
 * {@link ThreadStateGuard} of Spring's {@link LocaleContextHolder}, which
 * {@code RequestContextFilter} and {@code FrameworkServlet} set for a request and reset
 * when it ends.
 *
 * @since 0.1.0
 */
public class LocaleContextGuard implements ThreadStateGuard {

	/**
	 * Name of this guard.
	 */
	public static final String NAME = "locale-context";

	private static final List<String> KEYS = List.of("locale-context");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean isPresent() {
		return LocaleContextHolder.getLocaleContext() != null;
	}

	@Override
	public List<String> presentKeys() {
		return KEYS;
	}

	@Override
	public void clear() {
		LocaleContextHolder.resetLocaleContext();
	}

}
