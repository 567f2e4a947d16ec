package dev.threadlocal.benchmarks;

import org.springframework.web.context.annotation.RequestScope;

/**
 * {@link RequestData} in Spring's request scope, destroyed when the request completes.
 */
@RequestScope
public class RequestScopedRequestData extends RequestData {

}
