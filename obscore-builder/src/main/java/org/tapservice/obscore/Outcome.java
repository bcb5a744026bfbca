package org.tapservice.obscore;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.function.Function;

/**
 * What deriving one value gave: the value, a reason why it could not be derived (reported), or
 * nothing because the value does not apply to this data set (a spectrum has no Stokes axis).
 */
public sealed interface Outcome<T> {

    record Derived<T>(T value) implements Outcome<T> {
        public Derived {
            requireNonNull(value, "value is null");
        }
    }

    record Missing<T>(String reason) implements Outcome<T> {
        public Missing {
            requireNonNull(reason, "reason is null");
        }
    }

    record NotApplicable<T>() implements Outcome<T> {
    }

    static <T> Outcome<T> of(T value) {
        return new Derived<>(value);
    }

    static <T> Outcome<T> missing(String reason) {
        return new Missing<>(reason);
    }

    static <T> Outcome<T> notApplicable() {
        return new NotApplicable<>();
    }

    default Optional<T> asOptional() {
        return this instanceof Derived<T> derived ? Optional.of(derived.value()) : Optional.empty();
    }

    /** The value transformed, or this outcome's reason kept. */
    default <U> Outcome<U> map(Function<? super T, ? extends U> function) {
        return switch (this) {
            case Derived<T> derived -> new Derived<>(function.apply(derived.value()));
            case Missing<T> missing -> new Missing<>(missing.reason());
            case NotApplicable<T> ignored -> new NotApplicable<>();
        };
    }

    default <U> Outcome<U> flatMap(Function<? super T, Outcome<U>> function) {
        return switch (this) {
            case Derived<T> derived -> function.apply(derived.value());
            case Missing<T> missing -> new Missing<>(missing.reason());
            case NotApplicable<T> ignored -> new NotApplicable<>();
        };
    }
}
