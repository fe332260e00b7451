package dev.stepline.template;

import java.util.Map;

/** One template of the conformance corpus, with the context it renders in and its source. */
record TemplateCase(String source, String template, Map<String, Object> context) {}
