package dev.threadlocal.harness;

import java.util.List;

/**
 * Body of every successful harness response: the request's user and what each of its
 * threads saw.
 *
 * @param kind the kind of request: {@code plain}, {@code callable}, {@code deferred},
 * {@code async-task} or {@code forward}
 * @param user the user the request carried
 * @param sightings what the request's code saw, in order
 * @since 0.1.0
 */
public record Report(String kind, String user, List<Sighting> sightings) {

	/**
	 * Return whether any sighting of the request shows a leak.
	 * @return whether the request saw another request's state or lost its own
	 */
	public boolean isLeak() {
		return this.sightings.stream().anyMatch((sighting) -> sighting.isLeakFor(this.user));
	}

}
