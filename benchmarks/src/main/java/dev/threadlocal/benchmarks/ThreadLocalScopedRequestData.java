package dev.threadlocal.benchmarks;

import dev.threadlocal.ThreadLocalScope;

/**
 * {@link RequestData} in the starter's {@code threadlocal} scope, cleared by its filter.
 */
@ThreadLocalScope
public class ThreadLocalScopedRequestData extends RequestData {

}
