package dev.threadlocal.benchmarks;

import dev.threadlocal.ThreadLocalScope;

/**
 * {@link Counter} in the starter's {@code threadlocal} scope, reached through a scoped proxy.
 */
@ThreadLocalScope
public class ThreadLocalScopedCounter extends Counter {

}
