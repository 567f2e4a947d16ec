package dev.threadlocal.web;

import java.util.ArrayList;
import java.util.List;

import dev.threadlocal.MissingThreadLocalVarException;
import dev.threadlocal.ThreadLocalVars;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.util.WebUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ThreadLocalVarsFilter}.
 */
class ThreadLocalVarsFilterTests {

	private final ThreadLocalVars vars = new ThreadLocalVars();

	private final ThreadLocalVarsFilter filter = new ThreadLocalVarsFilter(this.vars);

	private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final List<String> events = new ArrayList<>();

	@AfterEach
	void clear() {
		this.vars.clear();
	}

	@Test
	void clearsWhenTheChainReturns() throws Exception {
		this.filter.doFilter(this.request, this.response, chainThatSets("user", "alice"));
		assertThat(this.events).containsExactly("user destroyed");
		assertCleared("user");
	}

	@Test
	void clearsWhenTheChainThrows() {
		FilterChain throwing = (request, response) -> {
			setWithCallback("user", "alice");
			throw new ServletException("controller failed");
		};
		assertThatExceptionOfType(ServletException.class)
			.isThrownBy(() -> this.filter.doFilter(this.request, this.response, throwing));
		assertThat(this.events).containsExactly("user destroyed");
		assertCleared("user");
	}

	@Test
	void clearsWhenTheChainThrowsAnError() {
		FilterChain throwing = (request, response) -> {
			setWithCallback("user", "alice");
			throw new AssertionError("controller failed hard");
		};
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.filter.doFilter(this.request, this.response, throwing));
		assertCleared("user");
	}

	@Test
	void nestedDispatchDoesNotClearButTheOutermostDoes() throws Exception {
		List<String> seenAfterNestedDispatch = new ArrayList<>();
		FilterChain outer = (request, response) -> {
			setWithCallback("user", "alice");
			// a forward or include runs the filter again on the same thread and request
			this.filter.doFilter(request, response, new MockFilterChain());
			seenAfterNestedDispatch.add(this.vars.getRequired("user"));
		};
		this.filter.doFilter(this.request, this.response, outer);
		assertThat(seenAfterNestedDispatch).containsExactly("alice");
		assertThat(this.events).containsExactly("user destroyed");
		assertCleared("user");
	}

	@Test
	void nestedErrorDispatchDoesNotClearButTheOutermostDoes() throws Exception {
		List<String> seenByErrorPage = new ArrayList<>();
		FilterChain outer = (request, response) -> {
			setWithCallback("user", "alice");
			MockHttpServletRequest errorRequest = (MockHttpServletRequest) request;
			errorRequest.setDispatcherType(DispatcherType.ERROR);
			errorRequest.setAttribute(WebUtils.ERROR_REQUEST_URI_ATTRIBUTE, "/failed");
			this.filter.doFilter(errorRequest, response,
					(req, res) -> seenByErrorPage.add(this.vars.getRequired("user")));
		};
		this.filter.doFilter(this.request, this.response, outer);
		assertThat(seenByErrorPage).containsExactly("alice");
		assertCleared("user");
	}

	@Test
	void clearsOnAnErrorDispatchAfterTheRequest() throws Exception {
		this.request.setDispatcherType(DispatcherType.ERROR);
		this.request.setAttribute(WebUtils.ERROR_REQUEST_URI_ATTRIBUTE, "/failed");
		this.filter.doFilter(this.request, this.response, chainThatSets("error", "details"));
		assertThat(this.events).containsExactly("error destroyed");
		assertCleared("error");
	}

	@Test
	void clearsOnAnAsyncDispatch() throws Exception {
		this.request.setDispatcherType(DispatcherType.ASYNC);
		this.filter.doFilter(this.request, this.response, chainThatSets("result", "done"));
		assertThat(this.events).containsExactly("result destroyed");
		assertCleared("result");
	}

	@Test
	void clearsTheContainerThreadWhenTheRequestGoesAsync() throws Exception {
		this.request.setAsyncSupported(true);
		FilterChain startsAsync = (request, response) -> {
			setWithCallback("user", "alice");
			request.startAsync();
		};
		this.filter.doFilter(this.request, this.response, startsAsync);
		assertThat(this.request.isAsyncStarted()).isTrue();
		assertThat(this.events).containsExactly("user destroyed");
		assertCleared("user");
	}

	@Test
	void alsoClearsStateThatWasOnTheThreadBeforeTheRequest() throws Exception {
		this.vars.set("stale", "left by code outside any request");
		this.filter.doFilter(this.request, this.response, new MockFilterChain());
		assertCleared("stale");
	}

	@Test
	void boundaryLeftOpenByTheRequestDoesNotStopTheFilterFromClearing() throws Exception {
		FilterChain leavesABoundaryOpen = (request, response) -> {
			setWithCallback("user", "alice");
			this.vars.openBoundary();
		};
		this.filter.doFilter(this.request, this.response, leavesABoundaryOpen);
		assertThat(this.events).containsExactly("user destroyed");
		List<Object> seenByNext = new ArrayList<>();
		this.filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
				(request, response) -> seenByNext.add(this.vars.find("user")));
		assertThat(seenByNext).containsOnlyNulls();
		assertThat(this.vars.isInBoundary()).isFalse();
	}

	private FilterChain chainThatSets(String name, String value) {
		return (request, response) -> setWithCallback(name, value);
	}

	private void setWithCallback(String name, String value) {
		this.vars.set(name, value);
		this.vars.registerDestructionCallback(name, () -> this.events.add(name + " destroyed"));
	}

	private void assertCleared(String name) {
		assertThatExceptionOfType(MissingThreadLocalVarException.class).isThrownBy(() -> this.vars.getRequired(name));
	}

}
