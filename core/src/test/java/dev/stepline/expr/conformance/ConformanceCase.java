package dev.stepline.expr.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One expression of the conformance suite.
 *
 * @param source where it comes from: a case file and line, or the generator
 * @param expression the Python expression
 * @param context the names it is evaluated with, as JSON
 */
record ConformanceCase(String source, String expression, JsonNode context) {}
