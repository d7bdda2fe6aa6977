package io.grpclab.edge;

import java.util.List;

/** One or more request parameters (query, header or body) are out of their bounds; answered as 400 problem+json. */
public class InvalidParameterException extends RuntimeException {

    private final List<Problem.InvalidParam> params;

    public InvalidParameterException(String name, String reason) {
        this(List.of(new Problem.InvalidParam(name, reason)));
    }

    public InvalidParameterException(List<Problem.InvalidParam> params) {
        super(params.get(0).name() + ": " + params.get(0).reason(), null, false, false);
        this.params = List.copyOf(params);
    }

    public List<Problem.InvalidParam> params() {
        return params;
    }
}
