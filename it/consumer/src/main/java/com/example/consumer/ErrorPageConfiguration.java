package com.example.consumer;

import dev.threadlocal.ThreadLocalVars;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Spring Boot's error page ({@code /error}) uses thread-local state too: it reports, in an
 * {@code X-Error-Page} header ({@code thread|user|visits}), the user it finds on its thread,
 * then stores its own user and visit.
 */
@Configuration(proxyBeanMethods = false)
public class ErrorPageConfiguration implements WebMvcConfigurer {

	private final ThreadLocalVars vars;

	private final Visit visit;

	public ErrorPageConfiguration(ThreadLocalVars vars, Visit visit) {
		this.vars = vars;
		this.visit = visit;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ErrorPageInterceptor()).addPathPatterns("/error");
	}

	private final class ErrorPageInterceptor implements HandlerInterceptor {

		@Override
		public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
			String found = ErrorPageConfiguration.this.vars.find("user");
			String user = (found != null) ? found : "none";
			ErrorPageConfiguration.this.vars.set("user", "error page");
			response.setHeader("X-Error-Page", Thread.currentThread().getName() + "|" + user + "|"
					+ ErrorPageConfiguration.this.visit.add("error page"));
			return true;
		}

	}

}
