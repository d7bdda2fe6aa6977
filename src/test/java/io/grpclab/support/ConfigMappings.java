package io.grpclab.support;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidator;

/**
 * A real {@code @ConfigMapping} for a unit test: the interface's defaults, these values over them, and its Bean
 * Validation constraints checked as the app checks them at start-up (a bad value throws, naming its key). Tests use
 * it instead of hand-written implementations of the interfaces, which would skip the defaults and the constraints.
 */
public final class ConfigMappings {

    private static final Validator VALIDATOR = Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private ConfigMappings() {
    }

    /** The mapping with these values (full keys, as in application.properties). */
    public static <T> T of(Class<T> mapping, Map<String, String> values) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(mapping)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's "0.1s", "15m"
                .withSources(new PropertiesConfigSource(values, "test values", 500))
                .withValidator((BeanValidationConfigValidator) () -> VALIDATOR)
                .build();
        return config.getConfigMapping(mapping);
    }
}
