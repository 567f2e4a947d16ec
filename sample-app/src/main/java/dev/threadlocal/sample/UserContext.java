package dev.threadlocal.sample;

/**
 * The user signed in on the current thread and the id of the request that signed them in.
 *
 * @param user the name of the user
 * @param requestId the id of the request that signed the user in
 * @since 0.1.0
 */
public record UserContext(String user, long requestId) {

}
