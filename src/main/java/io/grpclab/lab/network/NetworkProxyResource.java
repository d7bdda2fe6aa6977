package io.grpclab.lab.network;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.InvalidParameterException;
import io.grpclab.edge.Problem;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The shared fault proxy's faults ({@code lab.network.proxy-port}), set by hand for clients of your own: list, add,
 * remove, reset. Not a scenario (no report of a run), so not in the {@code GET /demo} index; off where /demo is off.
 */
@Path("/demo/network")
@Tag(name = NetworkProxyResource.TAG)
// Its methods answer a Response (201, 204, 404), so Quarkus cannot see the entities' types to register them for the
// native image's reflection, which Jackson needs to write them; the fault types are read from the request's body.
@RegisterForReflection(targets = { NetworkProxyResource.State.class, ActiveFault.class, Fault.Latency.class,
        Fault.Bandwidth.class,
        Fault.Silence.class, Fault.Reset.class, Fault.Close.class, Fault.Refuse.class, ConnectionRecord.View.class,
        ConnectionRecord.Event.class })
@Produces(MediaType.APPLICATION_JSON)
public class NetworkProxyResource {

    static final String TAG = "fault proxy";

    /** The shared listener: where it listens, where it forwards, its faults and its connections. */
    public record State(int port, String target, List<ActiveFault> faults, List<ConnectionRecord.View> connections) {
    }

    private final FaultProxies proxies;

    NetworkProxyResource(FaultProxies proxies) {
        this.proxies = proxies;
    }

    @GET
    @Operation(summary = "The shared fault proxy", description = "Its port, its target, the faults in force and "
            + "the proxy's record of each connection (the open ones and the last 32 closed)")
    @APIResponse(responseCode = "200", description = "The listener's state", content = @Content(mediaType = "application/json", schema = @Schema(implementation = State.class)))
    @APIResponse(responseCode = "404", description = "lab.network.proxy-port is not set", content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response state() {
        return proxies.shared().map(proxy -> Response.ok(state(proxy)).build()).orElseGet(NetworkProxyResource::off);
    }

    @POST
    @Path("/faults")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a fault", description = "Every connection through the shared listener meets it "
            + "from now until it is removed or durationMs have passed")
    @APIResponse(responseCode = "201", description = "The fault, with its id", content = @Content(mediaType = "application/json", schema = @Schema(implementation = ActiveFault.class)))
    @APIResponse(responseCode = "400", description = "A field out of its bounds, or too many faults", content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response add(@Valid @NotNull Fault fault,
            @QueryParam("durationMs") @DefaultValue("60000") @Min(1) @Max(600_000) @Parameter(description = "how long "
                    + "the fault lasts (at most lab.network.max-fault-duration)") int durationMs,
            @QueryParam("openOnly") @DefaultValue("false") @Parameter(description = "only on the connections open "
                    + "now, as when a firewall forgets its flows while new ones go through") boolean openOnly) {
        FaultProxy proxy = proxies.shared().orElse(null);
        if (proxy == null) {
            return off();
        }
        try {
            ActiveFault added = proxy.add(fault, Duration.ofMillis(durationMs), openOnly);
            return Response.created(URI.create("/demo/network/faults/" + added.id())).entity(added).build();
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("durationMs", e.getMessage());
        } catch (IllegalStateException e) {
            throw new InvalidParameterException("fault", e.getMessage());
        }
    }

    @DELETE
    @Path("/faults/{id}")
    @Operation(summary = "Remove a fault")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No fault with that id (any more)", content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Response remove(@PathParam("id") @Pattern(regexp = "f[0-9]{1,9}") String id) {
        FaultProxy proxy = proxies.shared().orElse(null);
        if (proxy == null) {
            return off();
        }
        return proxy.remove(id) ? Response.noContent().build()
                : problem(404, "no fault " + id + " on the shared listener");
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Remove every fault", description = "Connections stay open")
    @APIResponse(responseCode = "200", description = "The listener's state", content = @Content(mediaType = "application/json", schema = @Schema(implementation = State.class)))
    public Response reset() {
        return proxies.shared().map(proxy -> {
            proxy.clear();
            return Response.ok(state(proxy)).build();
        }).orElseGet(NetworkProxyResource::off);
    }

    private static State state(FaultProxy proxy) {
        return new State(proxy.port(), proxy.target().getHostString() + ":" + proxy.target().getPort(),
                proxy.faults(), proxy.connections());
    }

    private static Response off() {
        return problem(404, "the shared fault proxy is off: set lab.network.proxy-port (the lab profile does)");
    }

    private static Response problem(int status, String detail) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Not Found", status, detail, "/demo/network", null, null)).build();
    }
}
