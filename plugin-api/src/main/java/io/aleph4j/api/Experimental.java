package io.aleph4j.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks plugin-api elements that may still change incompatibly in a minor version. Plugins may use them, but
 * should expect to be rebuilt when the plugin-api version moves.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD})
public @interface Experimental {
    /** Why it is experimental, or what is expected to change. */
    String value() default "";
}
