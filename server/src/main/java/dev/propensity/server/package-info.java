/**
 * {@code propensity serve}: the interactive dashboard page and the REST API over a dashboard run, on Javalin (the
 * only package of the project that imports it).
 */
package dev.propensity.server;
