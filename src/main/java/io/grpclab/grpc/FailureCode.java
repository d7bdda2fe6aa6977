package io.grpclab.grpc;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.grpc.Status;

/** A gRPC status that means failure: any but OK (null: none given). For parameters and configuration lists. */
@Target({ PARAMETER, TYPE_USE })
@Retention(RUNTIME)
@Constraint(validatedBy = FailureCode.NotOk.class)
public @interface FailureCode {

    String message() default "must be " + StatusCodes.FAILURE_RULE;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class NotOk implements ConstraintValidator<FailureCode, Status.Code> {
        @Override
        public boolean isValid(Status.Code code, ConstraintValidatorContext context) {
            return code != Status.Code.OK;
        }
    }
}
