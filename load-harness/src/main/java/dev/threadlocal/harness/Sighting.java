package dev.threadlocal.harness;

import org.jspecify.annotations.Nullable;

/**
 * What one piece of code of a request found on its thread when it began, and what it read
 * back after setting the request's user.
 *
 * @param where the code that looked: {@code container}, {@code forwarded}, {@code callable},
 * {@code async} or {@code container-after-async}
 * @param thread the name of the thread it ran on
 * @param foundUser the user variable the thread held when the code began, if any
 * @param foundBean the owner of the thread-scoped bean the thread held when the code began,
 * if any
 * @param readUser the user variable read back later
 * @param readBean the owner of the thread-scoped bean read back later
 * @since 0.1.0
 */
public record Sighting(String where, String thread, @Nullable String foundUser, @Nullable String foundBean,
		@Nullable String readUser, @Nullable String readBean) {

	/**
	 * Return whether this sighting shows another request's state, or lost the request's
	 * own: found something that belongs to another user, or did not read the user back.
	 * @param user the user of the request that looked (every request has its own)
	 * @return whether the sighting is a leak
	 */
	public boolean isLeakFor(String user) {
		return isForeign(this.foundUser, user) || isForeign(this.foundBean, user) || !user.equals(this.readUser)
				|| !user.equals(this.readBean);
	}

	private static boolean isForeign(@Nullable String owner, String user) {
		return owner != null && !owner.equals(user);
	}

}
