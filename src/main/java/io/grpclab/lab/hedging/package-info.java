/**
 * The hedging scenario (/demo/hedging): parallel attempts under the hedging policy and which one won.
 */
package io.grpclab.lab.hedging;
