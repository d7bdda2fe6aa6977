/**
 * The configuration scenario (/demo/config): the settings in force on both sides and the warnings about them.
 */
package io.grpclab.lab.config;
