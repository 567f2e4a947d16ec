package dev.threadlocal.benchmarks;

import jakarta.servlet.GenericServlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Servlet at the end of a benchmark's filter chain that uses each of its request-data
 * beans once.
 */
public class RequestDataServlet extends GenericServlet {

	private static final long serialVersionUID = 1L;

	private final transient RequestData[] beans;

	private long requests;

	private long uses;

	/**
	 * Create a servlet that uses the given beans in each request.
	 * @param beans the beans (usually scoped proxies) to use, none for a request that
	 * touches nothing
	 */
	public RequestDataServlet(RequestData... beans) {
		this.beans = beans;
	}

	@Override
	public void service(ServletRequest request, ServletResponse response) {
		long uses = 0;
		for (RequestData bean : this.beans) {
			uses += bean.use();
		}
		this.uses += uses;
		this.requests++;
	}

	/**
	 * Return the total of the use counts the beans returned so far.
	 * @return the running total, for the benchmark to return
	 */
	public long getUses() {
		return this.uses;
	}

	/**
	 * Check that each request used a new instance of each bean, as a benchmark that
	 * measures creating and destroying them must.
	 * @throws IllegalStateException if an instance was used by more than one request
	 */
	public void assertEachRequestCreatedItsBeans() {
		if (this.uses != this.requests * this.beans.length) {
			throw new IllegalStateException(this.requests + " requests that each created " + this.beans.length
					+ " beans should have used them " + this.requests * this.beans.length + " times, not "
					+ this.uses + ": beans outlived their request");
		}
	}

}
