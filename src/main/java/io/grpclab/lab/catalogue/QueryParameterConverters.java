package io.grpclab.lab.catalogue;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import io.grpc.Status;
import io.grpclab.edge.InvalidParameterException;
import io.grpclab.grpc.StatusCodes;

/**
 * Typed query parameters ({@code int}, {@code double}, {@code boolean}, a gRPC {@link Status.Code}, an enum) whose value cannot
 * be read answer 400 problem+json naming the parameter: JAX-RS's own converters answer a bare 404 for a query
 * parameter, and accept any text as {@code false}. The bounds are Bean Validation constraints on the parameters.
 */
@Provider
public class QueryParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == int.class || rawType == Integer.class) {
            return (ParamConverter<T>) converter(name, "must be an integer", text -> Integer.valueOf(text.trim()));
        }
        if (rawType == double.class || rawType == Double.class) {
            return (ParamConverter<T>) converter(name, "must be a number", text -> {
                double value = Double.parseDouble(text.trim());
                if (!Double.isFinite(value)) {
                    throw new NumberFormatException(text);
                }
                return value;
            });
        }
        if (rawType == boolean.class || rawType == Boolean.class) {
            return (ParamConverter<T>) converter(name, "must be true or false", text -> switch (text.trim()) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException(text);
            });
        }
        if (rawType == Status.Code.class) {
            return (ParamConverter<T>) converter(name, "must be a gRPC status name, such as NOT_FOUND",
                    StatusCodes::parse);
        }
        if (rawType.isEnum()) {
            Object[] constants = rawType.getEnumConstants();
            String names = Arrays.stream(constants).map(String::valueOf).collect(Collectors.joining(", "));
            return (ParamConverter<T>) converter(name, "must be one of " + names, text -> Arrays.stream(constants)
                    .filter(c -> c.toString().equalsIgnoreCase(text.trim())).findFirst().orElseThrow());
        }
        return null;
    }

    private static <V> ParamConverter<V> converter(String name, String rule, Function<String, V> parse) {
        return new ParamConverter<>() {
            @Override
            public V fromString(String text) {
                try {
                    return parse.apply(text);
                } catch (RuntimeException e) {
                    // a WebApplicationException passes through the parameter handling as it is;
                    // ProblemMappers unwraps it
                    throw new BadRequestException(new InvalidParameterException(name, rule));
                }
            }

            @Override
            public String toString(V value) {
                return String.valueOf(value);
            }
        };
    }

    private static String queryParameterName(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation instanceof QueryParam query) {
                return query.value();
            }
        }
        return null;
    }
}
