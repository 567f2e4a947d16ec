package dev.threadlocal.war;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error page, which uses thread-scoped state itself; in a WAR, Spring Boot's
 * {@code ErrorPageFilter} forwards to it after the failed request left every inner filter.
 */
@RestController
class ErrorPageController implements ErrorController {

	private final State state;

	ErrorPageController(State state) {
		this.state = state;
	}

	@RequestMapping(path = "/error", produces = MediaType.TEXT_PLAIN_VALUE)
	ResponseEntity<String> error(HttpServletRequest request) {
		Object earlier = request.getAttribute(State.SEEN_ATTRIBUTE);
		String start = this.state.seen("error-page-start");
		String user = request.getParameter("user");
		this.state.use(((user != null) ? user : "unknown") + "-error-page");
		return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
			.body(((earlier != null) ? earlier : "") + start + this.state.seen("error-page-after"));
	}

}
