package dev.stepline.template;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.InterpreterFactory;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.tree.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One configured Jinjava instance with a cache of parsed templates. Thread-safe: parsed trees are
 * read-only while rendering, and every render gets its own interpreter and context.
 */
final class TemplateEngine {
  /** Templates kept parsed; the cache is emptied when it grows past this size. */
  private static final int CACHE_SIZE = 4096;

  private final Jinjava jinjava;

  /** The tags, filters, tests and functions every render reads; renders never write to it. */
  private final Context sharedRoot;

  private final JinjavaConfig config;
  private final Factory factory = new Factory();
  private final ForElseTag forTag = new ForElseTag();
  private final ExpressionCheck expressionCheck;
  private final Map<String, ParsedTemplate> cache = new ConcurrentHashMap<>();

  TemplateEngine() {
    this.config = configuration(factory);
    this.jinjava = new PythonJinjava(config);
    factory.application = jinjava;
    JinjaLibrary.install(jinjava);
    jinjava.getGlobalContext().registerTag(forTag);
    Context global = jinjava.getGlobalContext();
    Set<String> disabledFilters = JinjaLibrary.disabled().get(Context.Library.FILTER);
    this.expressionCheck =
        new ExpressionCheck(
            name -> global.getFilter(name) != null && !disabledFilters.contains(name),
            name -> global.getExpTest(name) != null);
    jinjava.getGlobalContext().registerTag(new PythonIfTag());
    BlockTags.all().forEach(jinjava.getGlobalContext()::registerTag);
    this.sharedRoot = jinjava.getGlobalContextCopy();
  }

  String render(String source, Map<String, Object> names) {
    ParsedTemplate parsed = parse(source);
    if (!parsed.errors().isEmpty()) {
      throw parsed.errors().get(0);
    }
    Context context = new PythonContext(sharedRoot, names, config.getDisabled());
    PythonInterpreter interpreter = PythonInterpreter.failingFast(jinjava, context, config);
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      return interpreter.render(parsed.root());
    } catch (StackOverflowError e) {
      throw tooDeep().at(interpreter.getLineNumber(), interpreter.getPosition());
    } catch (TemplateFailure failure) {
      throw failure.at(interpreter.getLineNumber(), interpreter.getPosition());
    } catch (RuntimeException e) {
      TemplateFailure failure = ErrorTranslation.find(e);
      if (failure != null) {
        throw failure.at(interpreter.getLineNumber(), interpreter.getPosition());
      }
      String type = e instanceof TemplateSyntaxException ? "TemplateSyntaxError" : "TypeError";
      throw new TemplateFailure(type, e.getMessage())
          .at(interpreter.getLineNumber(), interpreter.getPosition());
    } finally {
      JinjavaInterpreter.popCurrent();
    }
  }

  /** Returns the failure of a template whose nesting overflows the parser's or renderer's stack. */
  private static TemplateFailure tooDeep() {
    return new TemplateFailure(
        "RecursionError",
        "the template is nested too deeply; split the expression into smaller ones");
  }

  List<TemplateFailure> check(String source) {
    return parse(source).errors();
  }

  private ParsedTemplate parse(String source) {
    ParsedTemplate parsed = cache.get(source);
    if (parsed != null) {
      return parsed;
    }
    Context context = new PythonContext(sharedRoot, Map.of(), config.getDisabled());
    PythonInterpreter interpreter = PythonInterpreter.collecting(jinjava, context, config);
    JinjavaInterpreter.pushCurrent(interpreter);
    try {
      Node root = interpreter.parse(SourcePreparation.prepare(source));
      forTag.splitElseBranches(root);
      expressionCheck.check(root, interpreter.collected());
      parsed = new ParsedTemplate(root, List.copyOf(interpreter.collected()));
    } catch (StackOverflowError e) {
      parsed = new ParsedTemplate(null, List.of(tooDeep().at(1, 1)));
    } finally {
      JinjavaInterpreter.popCurrent();
    }
    if (cache.size() >= CACHE_SIZE) {
      cache.clear();
    }
    cache.put(source, parsed);
    return parsed;
  }

  private static JinjavaConfig configuration(Factory factory) {
    LegacyOverrides overrides =
        LegacyOverrides.newBuilder()
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUseNaturalOperatorPrecedence(true)
            .withParseWhitespaceControlStrictly(true)
            .withAllowAdjacentTextNodes(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .build();
    return JinjavaConfig.newBuilder()
        .withTrimBlocks(true)
        // SourcePreparation strips blocks as Jinja2 does; Jinjava's version strips too much.
        .withLstripBlocks(false)
        .withFailOnUnknownTokens(false)
        .withNestedInterpretationEnabled(false)
        .withLegacyOverrides(overrides)
        .withElResolver(new PythonResolver())
        .withInterperterFactory(factory)
        .withEnableRecursiveMacroCalls(true)
        .withMaxMacroRecursionDepth(100)
        .withMaxOutputSize(2_048_000)
        .withMaxStringLength(2_048_000)
        .withRangeLimit(1_000_000)
        .withMaxListSize(1_000_000)
        .withMaxMapSize(1_000_000)
        .withDisabled(JinjaLibrary.disabled())
        .build();
  }

  private record ParsedTemplate(Node root, List<TemplateFailure> errors) {}

  /** Creates interpreters for Jinjava's nested renders (macros, includes) with the same rules. */
  private static final class Factory implements InterpreterFactory {
    private volatile Jinjava application;

    @Override
    public JinjavaInterpreter newInstance(JinjavaInterpreter original) {
      return PythonInterpreter.failingFast(
          application,
          new PythonContext(original.getContext(), Map.of(), original.getConfig().getDisabled()),
          original.getConfig());
    }

    @Override
    public JinjavaInterpreter newInstance(
        Jinjava application, Context context, JinjavaConfig config) {
      return PythonInterpreter.failingFast(application, context, config);
    }
  }
}
