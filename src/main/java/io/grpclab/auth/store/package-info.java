/**
 * The auth service's state, in this process's memory (Caffeine) or in Redis shared by replicas: sessions, revoked
 * tokens, the login throttle, chosen by lab.auth.store (StateStores). Uses auth's interfaces; auth does not know
 * which store runs.
 */
package io.grpclab.auth.store;
