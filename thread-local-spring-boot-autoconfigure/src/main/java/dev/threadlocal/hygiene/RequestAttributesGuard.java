package dev.threadlocal.hygiene;

import java.util.List;

import org.springframework.web.context.request.RequestContextHolder;

/**
 * {@link ThreadStateGuard} of Spring's {@link RequestContextHolder}, which
 * {@code RequestContextFilter} and {@code FrameworkServlet} set for a request and reset
 * when it ends.
 *
 * @since 0.1.0
 */
public class RequestAttributesGuard implements ThreadStateGuard {

	/**
	 * Name of this guard.
	 */
	public static final String NAME = "request-attributes";

	private static final List<String> KEYS = List.of("request-attributes");

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean isPresent() {
		return RequestContextHolder.getRequestAttributes() != null;
	}

	@Override
	public List<String> presentKeys() {
		return KEYS;
	}

	@Override
	public void clear() {
		RequestContextHolder.resetRequestAttributes();
	}

}
