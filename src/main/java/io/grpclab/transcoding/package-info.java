/**
 * The gateway: REST/JSON to gRPC by google.api.http rules (from protos and rule files), strict proto3 JSON, status
 * and metadata mapping, its OpenAPI. The top service floor: may use every other service package.
 */
package io.grpclab.transcoding;
