package dev.threadlocal.benchmarks;

import org.springframework.web.context.annotation.RequestScope;

/**
 * {@link Counter} in Spring's request scope, reached through a scoped proxy.
 */
@RequestScope
public class RequestScopedCounter extends Counter {

}
