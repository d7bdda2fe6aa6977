/**
 * A bad network under the retry policy and hedging (/demo/bad-network/*): calls through fault proxies of the run's
 * own, with latency against a deadline, a reset mid-call, or one of two backends slow, and what grpc-java's attempts,
 * the channel and the proxy's record of each connection show of it.
 */
package io.grpclab.lab.badnetwork;
