package dev.aijson.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a command-line value as a document value: JSON if it parses (with the document's rules
 * for strings starting with {@code $}: {@code "$var3"} is a reference, {@code "$$x"} the string
 * {@code "$x"}), else the text itself, read as a JSON string would be.
 */
final class JsonValues {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final int MAX_DEPTH = 64;

  private JsonValues() {}

  static Object parse(String text) {
    Object value;
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      value = first == null ? null : value(parser, 0);
      if (first == null || parser.nextToken() != null) {
        return string(text);
      }
    } catch (IOException | IllegalStateException e) {
      return string(text);
    }
    return value;
  }

  private static Object value(JsonParser parser, int depth) throws IOException {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("too deep");
    }
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_ARRAY -> {
        List<Object> list = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser, depth + 1));
        }
        return Collections.unmodifiableList(list);
      }
      case START_OBJECT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          map.put(name, value(parser, depth + 1));
        }
        return Collections.unmodifiableMap(map);
      }
      case VALUE_STRING -> {
        return string(parser.getText());
      }
      case VALUE_NUMBER_INT -> {
        return switch (parser.getNumberType()) {
          case INT, LONG -> parser.getLongValue();
          default -> parser.getBigIntegerValue();
        };
      }
      case VALUE_NUMBER_FLOAT -> {
        return parser.getDecimalValue();
      }
      case VALUE_TRUE -> {
        return Boolean.TRUE;
      }
      case VALUE_FALSE -> {
        return Boolean.FALSE;
      }
      case VALUE_NULL -> {
        return null;
      }
      default -> throw new IllegalStateException("unexpected " + token);
    }
  }

  private static Object string(String text) {
    if (!text.startsWith("$")) {
      return text;
    }
    if (text.startsWith("$$")) {
      return text.substring(1);
    }
    if (AiJsonRef.isVarName(text.substring(1))) {
      return AiJsonRef.to(text.substring(1));
    }
    throw new AiJsonException("", "\"" + text + "\" starts with $ but is not a reference such as"
        + " $var3. Write a string that starts with $ as $" + text + ".");
  }
}
