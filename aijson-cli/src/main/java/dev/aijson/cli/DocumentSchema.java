package dev.aijson.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.aijson.core.AiJsonException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema of format 1, {@code docs/aijson-1.schema.json}, which the build copies into
 * this jar: a structural check of a document that loads none of its classes.
 */
final class DocumentSchema {
  /** The schema's resource next to this class. */
  static final String RESOURCE = "aijson-1.schema.json";
  /** As many problems as the document reader lists at most. */
  private static final int MAX_PROBLEMS = 100;
  private static final int MAX_SHOWN_VALUE = 60;

  /** Reads JSON as the document reader does: numbers exactly, one value, no duplicate names. */
  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  /** Reads one member's value from a parser inside the document, leaving the rest to it. */
  private static final com.fasterxml.jackson.databind.ObjectReader PART =
      JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DocumentSchema() {}

  /**
   * What the check found.
   *
   * @param json whether the text is one JSON value; if not, {@code problems} says why
   * @param problems the schema's errors, each at its JSON Pointer, or the JSON syntax error;
   *     empty if the document matches the schema
   * @param vars how many members {@code vars} has
   * @param pastBound whether the text is not read as JSON because a value in it is past a bound
   *     (a string, a number or a nesting too long), not for its syntax
   */
  record Result(boolean json, List<AiJsonException.Problem> problems, int vars, boolean pastBound) {
    Result {
      problems = List.copyOf(problems);
    }

    Result(boolean json, List<AiJsonException.Problem> problems, int vars) {
      this(json, problems, vars, false);
    }
  }

  /** The schema, read once from this jar. */
  private static final class Loaded {
    static final JsonNode NODE = read();
    static final Schema SCHEMA =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(NODE);

    private static JsonNode read() {
      try (InputStream in = DocumentSchema.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the JSON Schema " + RESOURCE + " is not next to "
              + DocumentSchema.class.getName() + " in this jar; build aijson-cli with Maven, which"
              + " copies it from docs/.");
        }
        return JSON.readTree(in);
      } catch (IOException e) {
        throw new IllegalStateException("cannot read the JSON Schema " + RESOURCE + " of this jar: "
            + e.getMessage(), e);
      }
    }
  }

  /**
   * Checks {@code text} against the schema, listing every error with its JSON Pointer. A document
   * is checked one var at a time, as the schema checks each var on its own, so that a document of
   * a million vars never becomes one tree of a million vars' nodes (several times the text).
   */
  static Result check(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        // not an object: small, or refused by the schema's type whatever its size
        return checkWhole(text);
      }
      // the document's members, with vars' members checked one at a time and left out
      ObjectNode rest = JSON.createObjectNode();
      Found vars = new Found();
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        if (parser.nextToken() == JsonToken.START_OBJECT && "vars".equals(name)) {
          rest.putObject("vars");
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String var = parser.currentName();
            parser.nextToken();
            ObjectNode alone = JSON.createObjectNode().put("aijson", 1);
            alone.putObject("vars").set(var, PART.readTree(parser));
            vars.add(Loaded.SCHEMA.validate(alone));
            vars.count++;
          }
        } else {
          rest.set(name, PART.readTree(parser));
        }
      }
      if (parser.nextToken() != null) {
        throw new com.fasterxml.jackson.core.JsonParseException(parser, "Trailing token (of type "
            + parser.currentToken() + ") found after value (bound as `JsonNode`): not allowed as"
            + " per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`");
      }
      // in the schema's order: the document's type and required members, its version, the vars,
      // then the other members
      Found first = new Found();
      Found last = new Found();
      for (Error error : Loaded.SCHEMA.validate(rest)) {
        String at = pointer(error.getInstanceLocation());
        boolean early = at.isEmpty() && !"additionalProperties".equals(error.getKeyword())
            || at.startsWith("/aijson") || at.equals("/vars");
        (early ? first : last).add(List.of(error));
      }
      List<AiJsonException.Problem> problems = new ArrayList<>();
      int errors = first.errors + vars.errors + last.errors;
      for (Found found : List.of(first, vars, last)) {
        for (Error error : found.kept) {
          if (problems.size() == MAX_PROBLEMS) {
            break;
          }
          problems.add(new AiJsonException.Problem(pointer(error.getInstanceLocation()), message(error)));
        }
      }
      if (errors > MAX_PROBLEMS) {
        problems.add(new AiJsonException.Problem("", "and " + (errors - MAX_PROBLEMS)
            + " more problems."));
      }
      return new Result(true, problems, vars.count);
    } catch (JsonProcessingException e) {
      return notJson(e);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The errors found in part of a document: the first {@link #MAX_PROBLEMS} kept, all counted. */
  private static final class Found {
    final List<Error> kept = new ArrayList<>();
    int errors;
    int count;

    void add(List<Error> found) {
      for (Error error : found) {
        if (kept.size() < MAX_PROBLEMS) {
          kept.add(error);
        }
        errors++;
      }
    }
  }

  /** Checks {@code text} against the schema as one tree. */
  private static Result checkWhole(String text) {
    JsonNode document;
    try {
      document = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return notJson(e);
    }
    List<AiJsonException.Problem> problems = new ArrayList<>();
    List<Error> errors = Loaded.SCHEMA.validate(document);
    for (Error error : errors) {
      if (problems.size() == MAX_PROBLEMS) {
        problems.add(new AiJsonException.Problem("", "and " + (errors.size() - MAX_PROBLEMS)
            + " more problems."));
        break;
      }
      problems.add(new AiJsonException.Problem(pointer(error.getInstanceLocation()), message(error)));
    }
    return new Result(true, problems, document.path("vars").size());
  }

  private static Result notJson(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    return new Result(false, List.of(new AiJsonException.Problem("", "the text is not one JSON"
        + " value (" + e.getOriginalMessage() + ")" + where + ", so the schema cannot check it."
        + " Fix the JSON syntax first.")), 0,
        e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException);
  }

  /** Returns a node path as a JSON Pointer, escaping {@code ~} and {@code /} in member names. */
  private static String pointer(NodePath path) {
    Object[] tokens = new Object[path.getNameCount()];
    for (int i = 0; i < tokens.length; i++) {
      tokens[i] = path.getElement(i);
    }
    return AiJsonException.pointer(tokens);
  }

  /**
   * Returns the error's message: for a pattern the schema describes, the value and that
   * description instead of the regular expression; for a rule of one kind of var, which kind.
   */
  private static String message(Error error) {
    NodePath fragment = error.getSchemaLocation().getFragment();
    JsonNode node = Loaded.NODE;
    String condition = null;
    // down to the node that holds the failed keyword, noting the kind an if/then applies to
    for (int i = 0; i < fragment.getNameCount() - 1; i++) {
      Object step = fragment.getElement(i);
      if ("then".equals(step)) {
        condition = condition(node.path("if"));
      }
      node = step instanceof Integer index ? node.path(index) : node.path(String.valueOf(step));
    }
    String description = node.path("description").asText("");
    if ("const".equals(error.getKeyword()) && fragment.getNameCount() == 3
        && "properties".equals(fragment.getElement(0)) && "aijson".equals(fragment.getElement(1))) {
      // the format version: say what this release reads and what to do, as the reader does
      return shown(error.getInstanceNode()) + " is not a format version this version of aijson reads;"
          + " it reads format 1. Use the aijson release that matches the document, or re-export it.";
    }
    if ("pattern".equals(error.getKeyword()) && !description.isEmpty()) {
      String name = fragment.getNameCount() >= 2
          ? String.valueOf(fragment.getElement(fragment.getNameCount() - 2)) : "value";
      return shown(error.getInstanceNode()) + " is not a valid " + name + ": " + description;
    }
    String message = "false".equals(error.getKeyword()) ? "is not allowed" : error.getMessage();
    return condition == null ? message : message + " " + condition;
  }

  /** Returns {@code for kind "call"} for an if that tests one member, or null. */
  private static String condition(JsonNode test) {
    JsonNode properties = test.path("properties");
    if (properties.size() != 1) {
      return null;
    }
    String member = properties.fieldNames().next();
    JsonNode rule = properties.path(member);
    if (rule.has("const")) {
      return "for " + member + " " + rule.get("const");
    }
    if (rule.path("enum").isArray()) {
      List<String> values = new ArrayList<>();
      rule.get("enum").forEach(value -> values.add(value.toString()));
      return "for " + member + " " + String.join(" or ", values);
    }
    return null;
  }

  private static String shown(JsonNode value) {
    String text = value == null ? "the value" : value.toString();
    return text.length() <= MAX_SHOWN_VALUE ? text : text.substring(0, MAX_SHOWN_VALUE - 3) + "...";
  }
}
