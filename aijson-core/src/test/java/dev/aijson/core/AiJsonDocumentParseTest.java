package dev.aijson.core;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.core.AiJsonException.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every class of bad document: each gives an {@link AiJsonException} whose {@code path()} points at
 * the offender and whose message names it and the fix.
 */
class AiJsonDocumentParseTest {

  /** A well-formed constructor var body, to put under any var name. */
  private static final String TOKENIZER =
      "'kind': 'constructor', 'module': 'com.acme', 'caller': 'Tokenizer',"
          + " 'signature': ['int'], 'kwargs': {'vocabSize': 100}";

  private static final String OPAQUE = "'kind': 'opaque', 'module': 'com.acme', 'caller': 'Source'";

  /** Lets fixtures use single quotes, so that they read like the JSON they stand for. */
  private static String json(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  private static String document(String vars) {
    return json("{'aijson': 1, 'vars': {" + vars + "}}");
  }

  private static AiJsonException parseFails(String json) {
    return assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json));
  }

  private static AiJsonException parseFails(String json, AiJsonLimits limits) {
    return assertThrows(AiJsonException.class, () -> AiJsonDocument.parse(json, limits));
  }

  @Test
  public void parse_wellFormedDocument_isAccepted() {
    AiJsonDocument doc =
        AiJsonDocument.parse(
            document(
                "'var0': {"
                    + OPAQUE
                    + "}, 'var1': {"
                    + TOKENIZER
                    + "}, 'var2': {'kind': 'provides', 'module': 'com.acme', 'caller':"
                    + " 'Wiring#scorer', 'signature': ['com.acme.Source'], 'kwargs': {'source':"
                    + " '$var0'}}, 'var3': {'kind': 'call', 'module': 'com.acme', 'caller':"
                    + " 'Scorer#fit', 'receiver': '$var2', 'signature': [], 'kwargs': {}}"));

    assertThat(doc.vars()).hasSize(4);
    assertThat(doc.var("var3").receiver()).isEqualTo(AiJsonRef.to("var2"));
  }

  // syntax

  @Test
  public void parse_emptyString_isRefused() {
    AiJsonException e = parseFails("");

    assertThat(e.path()).isEmpty();
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "The aijson document is empty. Pass a JSON object such as {\"aijson\": 1, \"vars\":"
                + " {}}.");
  }

  @Test
  public void parse_onlyWhitespace_isRefusedAsEmpty() {
    assertThat(parseFails(" \n\t ")).hasMessageThat().contains("The aijson document is empty.");
  }

  @Test
  public void parse_null_isAProgrammingError() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AiJsonDocument.parse(null));

    assertThat(e).hasMessageThat().isEqualTo(
        "AiJsonDocument.parse: json is null. Pass the text of a document.");
  }

  @Test
  public void parse_truncatedJson_isRefusedNearWhereItStopped() {
    AiJsonException e = parseFails(json("{'aijson': 1, 'vars': {'var0': {'kind': 'constructor'"));

    assertThat(e.path()).isEqualTo("/vars/var0/kind");
    assertThat(e)
        .hasMessageThat()
        .startsWith("The aijson document is not valid JSON: Unexpected end-of-input");
    assertThat(e).hasMessageThat().contains("at line 1, column 54");
    assertThat(e).hasMessageThat().endsWith("Fix the JSON syntax near /vars/var0/kind.");
    assertThat(e).hasCauseThat().isNotNull();
  }

  @Test
  public void parse_contentAfterTheDocument_isRefused() {
    AiJsonException e = parseFails(document("") + " {}");

    assertThat(e.path()).isEmpty();
    assertThat(e).hasMessageThat().contains("content after its end");
    assertThat(e).hasMessageThat().contains("Remove everything after the closing }.");
  }

  @Test
  public void parse_arrayRoot_isRefused() {
    AiJsonException e = parseFails("[{\"aijson\": 1}]");

    assertThat(e.path()).isEmpty();
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "The aijson document must be a JSON object, not an array. Pass a document such as"
                + " {\"aijson\": 1, \"vars\": {}}.");
  }

  @Test
  public void parse_numberRoot_isRefused() {
    AiJsonException e = parseFails("42");

    assertThat(e.path()).isEmpty();
    assertThat(e).hasMessageThat().contains("must be a JSON object, not the number 42.");
  }

  @Test
  public void parse_duplicateTopLevelKey_isRefused() {
    AiJsonException e = parseFails(json("{'aijson': 1, 'aijson': 1, 'vars': {}}"));

    assertThat(e.path()).isEqualTo("/aijson");
    assertThat(e).hasMessageThat().contains("Duplicate field 'aijson'");
  }

  @Test
  public void parse_duplicateVar_isRefused() {
    AiJsonException e =
        parseFails(document("'var0': {" + OPAQUE + "}, 'var0': {" + TOKENIZER + "}"));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().contains("Duplicate field 'var0'");
  }

  @Test
  public void parse_duplicateKwarg_isRefused() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Tokenizer',"
                    + " 'signature': ['int'], 'kwargs': {'vocabSize': 100, 'vocabSize': 200}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/vocabSize");
    assertThat(e).hasMessageThat().contains("Duplicate field 'vocabSize'");
  }

  @Test
  public void parse_100000DeepArrays_isRefusedWithoutStackOverflow() {
    AiJsonException e = parseFails("[".repeat(100_000));

    assertThat(e.path()).isEqualTo("/0".repeat(64));
    assertThat(e)
        .hasMessageThat()
        .startsWith("The aijson document nests objects and arrays deeper than 64 levels at /0/0/");
    assertThat(e).hasMessageThat().contains("raise AiJsonLimits.maxDepth");
  }

  @Test
  public void parse_100000DeepObjects_isRefusedWithoutStackOverflow() {
    AiJsonException e = parseFails("{\"a\":".repeat(100_000));

    assertThat(e.path()).isEqualTo("/a".repeat(64));
    assertThat(e).hasMessageThat().contains("deeper than 64 levels");
  }

  @Test
  public void parse_nestingPastCustomDepth_isRefused() {
    String nested =
        document(
            "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Grid',"
                + " 'signature': ['java.util.List'], 'kwargs': {'cells': [[[1]]]}}");

    AiJsonException e = parseFails(nested, AiJsonLimits.defaults().withMaxDepth(6));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/cells/0/0");
    assertThat(e).hasMessageThat().contains("deeper than 6 levels");
    assertThat(AiJsonDocument.parse(nested, AiJsonLimits.defaults().withMaxDepth(7)).vars())
        .hasSize(1);
  }

  // limits

  /** Every string in it is at most 13 characters long; the longest is the file name. */
  private static final String SHORT_STRINGS =
      document(
          "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Tokenizer',"
              + " 'signature': ['int'], 'kwargs': {'file': 'corpus.txt.gz'}}");

  @Test
  public void parse_stringLongerThanLimit_isRefused() {
    AiJsonException e = parseFails(SHORT_STRINGS, AiJsonLimits.defaults().withMaxStringChars(12));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/file");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "A string of 13 characters at /vars/var0/kwargs/file is longer than the limit of 12."
                + " Shorten it, or raise AiJsonLimits.maxStringChars if the document is trusted.");
  }

  @Test
  public void parse_stringAtLimit_isAccepted() {
    AiJsonDocument read =
        AiJsonDocument.parse(SHORT_STRINGS, AiJsonLimits.defaults().withMaxStringChars(13));

    assertThat(read.var("var0").kwargs()).containsExactly("file", "corpus.txt.gz");
  }

  @Test
  public void parse_longFieldName_isRefusedByTheStringLimit() {
    AiJsonException e =
        parseFails(
            SHORT_STRINGS.replace("\"file\"", "\"fileNameOfTheCorpus\""),
            AiJsonLimits.defaults().withMaxStringChars(13));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e).hasMessageThat().contains("A string of 19 characters");
  }

  /** Regression: a string far past the limit got Jackson's message, "Fix the JSON syntax", and its object's pointer. */
  @Test
  public void parse_stringFarLongerThanLimit_isRefusedByTheStringLimitAtItsPointer() {
    String doc = SHORT_STRINGS.replace("corpus.txt.gz", "a".repeat(3000));

    AiJsonException e = parseFails(doc, AiJsonLimits.defaults().withMaxStringChars(1000));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/file");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "A string at /vars/var0/kwargs/file is longer than the limit of 1000 characters (it was"
                + " not read further). Shorten it, or raise AiJsonLimits.maxStringChars if the"
                + " document is trusted.");
  }

  /** Regression: a name of more than 50,000 characters was refused by Jackson's own bound, not aijson's. */
  @Test
  public void parse_nameLongerThanJacksonsBoundButWithinTheStringLimit_isAccepted() {
    String name = "n".repeat(60_000);

    AiJsonDocument read = AiJsonDocument.parse(SHORT_STRINGS.replace("\"file\"", "\"" + name + "\""));

    assertThat(read.var("var0").kwargs()).containsExactly(name, "corpus.txt.gz");
  }

  @Test
  public void parse_nameFarLongerThanLimit_isRefusedByTheStringLimitAtItsObject() {
    String doc = SHORT_STRINGS.replace("\"file\"", "\"" + "n".repeat(3000) + "\"");

    AiJsonException e = parseFails(doc, AiJsonLimits.defaults().withMaxStringChars(1000));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e).hasMessageThat().contains("longer than the limit of 1000 characters");
    assertThat(e).hasMessageThat().contains("raise AiJsonLimits.maxStringChars");
  }

  @Test
  public void parse_nameFarLongerThanLimitAfterAnotherMember_isRefusedAtItsObject() {
    String doc = SHORT_STRINGS.replace("\"file\"", "\"size\": 3, \"" + "n".repeat(3000) + "\"")
        .replace("[\"int\"]", "[\"int\", \"java.lang.String\"]");

    AiJsonException e = parseFails(doc, AiJsonLimits.defaults().withMaxStringChars(1000));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e).hasMessageThat().contains("longer than the limit of 1000 characters");
    assertThat(e).hasMessageThat().contains("raise AiJsonLimits.maxStringChars");
  }

  /** Regression: a number of more than 1000 digits was "not valid JSON", to be fixed as syntax. */
  @Test
  public void parse_numberOfMoreThanAThousandDigits_isRefusedAsTooLong() {
    String doc = SHORT_STRINGS.replace("\"corpus.txt.gz\"", "9".repeat(1500));

    AiJsonException e = parseFails(doc, AiJsonLimits.defaults());

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/file");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "A number at /vars/var0/kwargs/file has more than 1000 characters, the longest number"
                + " aijson reads (it was not read further). Shorten it.");
  }

  @Test
  public void parse_moreVarsThanLimit_isRefused() {
    String doc =
        document("'var0': {" + OPAQUE + "}, 'var1': {" + OPAQUE + "}, 'var2': {" + OPAQUE + "}");

    AiJsonException e = parseFails(doc, AiJsonLimits.defaults().withMaxVars(2));

    assertThat(e.path()).isEqualTo("/vars");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "The document has 3 vars at /vars, more than the limit of 2. Raise AiJsonLimits.maxVars if the"
                + " document is trusted.");
    assertThat(AiJsonDocument.parse(doc, AiJsonLimits.defaults().withMaxVars(3)).vars()).hasSize(3);
  }

  @Test
  public void parse_documentLargerThanLimit_isRefused() {
    String doc = document("'var0': {" + OPAQUE + "}");

    AiJsonException e = parseFails(doc, AiJsonLimits.defaults().withMaxChars(doc.length() - 1));

    assertThat(e.path()).isEmpty();
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "The aijson document has "
                + doc.length()
                + " characters, more than the limit of "
                + (doc.length() - 1)
                + ". Split the document, or raise AiJsonLimits.maxChars if it"
                + " is trusted.");
    assertThat(AiJsonDocument.parse(doc, AiJsonLimits.defaults().withMaxChars(doc.length())).vars())
        .hasSize(1);
  }

  /** Broke: Jackson's backstop, set one past ours, wrapped to a negative bound and threw. */
  @Test
  public void parse_stringLimitOfIntegerMax_isAccepted() {
    AiJsonDocument read =
        AiJsonDocument.parse(SHORT_STRINGS, AiJsonLimits.defaults().withMaxStringChars(Integer.MAX_VALUE));

    assertThat(read.var("var0").kwargs()).containsExactly("file", "corpus.txt.gz");
  }

  @Test
  public void limits_nonPositiveBound_isRefused() {
    assertThrows(IllegalArgumentException.class, () -> AiJsonLimits.defaults().withMaxVars(0));
  }

  @Test
  public void limits_nonPositiveBound_messageShowsTheBoundsAsGiven() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> AiJsonLimits.defaults().withMaxDepth(0));

    assertThat(e).hasMessageThat().contains("maxDepth=0");
    assertThat(e).hasMessageThat().contains("maxVars=" + AiJsonLimits.defaults().maxVars());
  }

  // numbers

  /** Broke: Jackson's BigDecimal refused the number, and the refusal named no pointer. */
  @Test
  public void parse_numberWithExponentPastAnInt_isRefusedAtItsPointer() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scaler',"
                    + " 'signature': ['double'], 'kwargs': {'n': 1e2147483648}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/n");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "The number 1e2147483648 at /vars/var0/kwargs/n has an exponent out of range: its"
                + " exponent, less the digits after the point, must fit a Java int (about"
                + " \u00b12.1 billion). Write the number with a smaller exponent.");
  }

  @Test
  public void parse_numberWithNegativeExponentPastAnInt_isRefusedAtItsPointer() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scaler',"
                    + " 'signature': ['java.util.List<java.lang.Double>'], 'kwargs': {'n': [0,"
                    + " 0.5e-2147483648]}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/n/1");
    assertThat(e).hasMessageThat().startsWith("The number 0.5e-2147483648 at /vars/var0/kwargs/n/1"
        + " has an exponent out of range");
  }

  @Test
  public void parse_numberWithTheLargestExponent_isAccepted() {
    AiJsonDocument read =
        AiJsonDocument.parse(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scaler',"
                    + " 'signature': ['double'], 'kwargs': {'n': 1e2147483647}}"));

    assertThat(read.var("var0").kwargs().get("n"))
        .isEqualTo(new java.math.BigDecimal("1e2147483647"));
  }

  // format version and top level

  @Test
  public void parse_missingFormatVersion_isRefused() {
    AiJsonException e = parseFails(json("{'vars': {}}"));

    assertThat(e.path()).isEmpty();
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("The document has no format version. Add \"aijson\": 1 as its first field.");
  }

  @Test
  public void parse_unknownFormatVersion_isRefused() {
    AiJsonException e = parseFails(json("{'aijson': 2, 'vars': {}}"));

    assertThat(e.path()).isEqualTo("/aijson");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "Unknown format version the number 2 at /aijson; this version of aijson reads format 1."
                + " Use a matching aijson release or re-export the document.");
  }

  @Test
  public void parse_formatVersionAsString_isRefused() {
    AiJsonException e = parseFails(json("{'aijson': '1', 'vars': {}}"));

    assertThat(e.path()).isEqualTo("/aijson");
    assertThat(e).hasMessageThat().contains("Unknown format version the string \"1\"");
  }

  @Test
  public void parse_varsNotAnObject_isRefused() {
    AiJsonException e = parseFails(json("{'aijson': 1, 'vars': ['var0']}"));

    assertThat(e.path()).isEqualTo("/vars");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "\"vars\" is an array; it must be a JSON object of vars such as {\"var0\": {...}}. Fix it at"
                + " /vars.");
  }

  @Test
  public void parse_missingVars_isRefused() {
    AiJsonException e = parseFails(json("{'aijson': 1}"));

    assertThat(e.path()).isEqualTo("/vars");
    assertThat(e).hasMessageThat().startsWith("The document has no \"vars\"");
  }

  @Test
  public void parse_unknownTopLevelField_isRefused() {
    AiJsonException e = parseFails(json("{'aijson': 1, 'vars': {}, 'comment': 'x'}"));

    assertThat(e.path()).isEqualTo("/comment");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "Unknown top-level field \"comment\". A document has only aijson, vars, cut and"
                + " environment; remove it at /comment.");
  }

  // vars

  @Test
  public void parse_badVarName_isRefused() {
    AiJsonException e = parseFails(document("'tokenizer': {" + TOKENIZER + "}"));

    assertThat(e.path()).isEqualTo("/vars/tokenizer");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("\"tokenizer\" is not a var name. Name vars var0, var1, var2 and"
            + " so on; rename it at /vars/tokenizer.");
  }

  @Test
  public void parse_varNameWithLeadingZero_isRefused() {
    AiJsonException e = parseFails(document("'var01': {" + TOKENIZER + "}"));

    assertThat(e.path()).isEqualTo("/vars/var01");
    assertThat(e).hasMessageThat().contains("\"var01\" is not a var name.");
  }

  @Test
  public void parse_varsOutOfOrder_isRefused() {
    AiJsonException e = parseFails(document("'var1': {" + OPAQUE + "}, 'var0': {" + OPAQUE + "}"));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0 comes after var1; vars must appear in increasing order. Move or renumber"
                + " it at /vars/var0.");
  }

  @Test
  public void parse_varNotAnObject_isRefused() {
    AiJsonException e = parseFails(document("'var0': 'Tokenizer'"));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("var0 is the string \"Tokenizer\"; a var must be a JSON object. Fix it"
            + " at /vars/var0.");
  }

  @Test
  public void parse_unknownVarField_isRefused() {
    AiJsonException e = parseFails(document("'var0': {" + TOKENIZER + ", 'colour': 'red'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/colour");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0 has an unknown field \"colour\". A var has only kind, module, caller, key, scope,"
                + " receiver, signature, kwargs, members and factory; remove it at /vars/var0/colour.");
  }

  @Test
  public void parse_unknownKind_isRefused() {
    AiJsonException e =
        parseFails(document("'var0': {" + TOKENIZER.replace("constructor", "builder") + "}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kind");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0: kind the string \"builder\" is unknown. Write one of constructor, provides,"
                + " call, opaque, multibinding, unobserved, factory, module at /vars/var0/kind.");
  }

  @Test
  public void parse_missingKind_isRefused() {
    AiJsonException e = parseFails(document("'var0': {'module': 'com.acme', 'caller': 'Source'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kind");
    assertThat(e).hasMessageThat().contains("var0: kind null is unknown.");
  }

  @Test
  public void parse_badFieldsOfEveryKind_nameTheirPointerInTheMessage() {
    List<String> documents = List.of(
        document("'var0': {'kind': null, 'module': 1, 'caller': [], 'key': '', 'scope': 'x',"
            + " 'receiver': '$var9', 'signature': {}, 'kwargs': 2, 'members': [], 'colour': 1}"),
        document("'var0': {'kind': 'call', 'module': 'a b', 'caller': 'C', 'signature': [1],"
            + " 'kwargs': {}, 'members': {'m': 1}}"),
        document("'var0': {'kind': 'opaque', 'module': 'a', 'caller': 'C#m', 'signature': [],"
            + " 'kwargs': {}, 'members': {}}"),
        document("'var0': {'kind': 'factory', 'module': 'a', 'caller': 'F'}"),
        document("'var0': {'kind': 'module', 'module': 'a', 'caller': 'M', 'key': 'k', 'scope':"
            + " 'singleton'}"),
        document("'var0': {" + TOKENIZER + ", 'key': 'k', 'factory': {'key': 1, 'method': '1',"
            + " 'assisted': [7, 'vocabSize', 'vocabSize'], 'x': 0}}"),
        document("'var0': {'kind': 'multibinding', 'module': 'com.google.inject.multibindings',"
            + " 'caller': 'MapBinder', 'signature': ['a', 'b'], 'kwargs': {'keys': 1, 'values': 2}}"),
        document("'var1': 3, 'var0': {}, 'v': {}"),
        json("{'aijson': 1, 'vars': [], 'cut': 1, 'environment': 2, 'x': 3}"),
        json("{'aijson': 1, 'vars': {}, 'cut': {'cap': -1, 'bytes': 'b'}}"));

    for (String json : documents) {
      for (AiJsonException.Problem problem : parseFails(json).problems()) {
        assertThat(problem.message()).contains(" " + problem.path());
      }
    }
  }

  @Test
  public void parse_longStringStartingWithDollar_isShownAbbreviated() {
    String text = "$" + "x".repeat(200_000);

    AiJsonException e = parseFails(json("{'aijson': 1, 'vars': {}, 'environment': {'a': '" + text + "'}}"));

    String shown = text.substring(0, 117) + "... (200001 characters)";
    assertThat(e).hasMessageThat().isEqualTo("\"" + shown + "\" at /environment/a starts with $ but"
        + " is not a reference such as \"$var3\". Write a string that starts with $ as \"$" + shown
        + "\".");
  }

  @Test
  public void parse_moduleNull_namesThePointerInTheMessage() {
    AiJsonException e = parseFails(document("'var0': {'kind': 'opaque', 'module': null, 'caller': 'S'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/module");
    assertThat(e).hasMessageThat().isEqualTo("var0 needs \"module\" as a string, not null. Write it"
        + " at /vars/var0/module.");
  }

  @Test
  public void parse_missingModule_isRefused() {
    AiJsonException e = parseFails(document("'var0': {'kind': 'opaque', 'caller': 'Source'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/module");
    assertThat(e).hasMessageThat().isEqualTo("var0 needs \"module\" as a string, not null. Write it"
        + " at /vars/var0/module.");
  }

  @Test
  public void parse_emptyModule_isTheDefaultPackage() {
    AiJsonDocument doc =
        AiJsonDocument.parse(
            document("'var0': {'kind': 'opaque', 'module': '', 'caller': 'Source'}"));

    assertThat(doc.var("var0").className()).isEqualTo("Source");
  }

  @Test
  public void parse_badModule_isRefused() {
    AiJsonException e =
        parseFails(
            document("'var0': {'kind': 'opaque', 'module': 'com..acme', 'caller': 'Source'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/module");
    assertThat(e).hasMessageThat().contains("module \"com..acme\" is not a Java package name.");
  }

  @Test
  public void parse_missingCaller_isRefused() {
    AiJsonException e = parseFails(document("'var0': {'kind': 'opaque', 'module': 'com.acme'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e).hasMessageThat().isEqualTo("var0 needs \"caller\" as a string, not null. Write it"
        + " at /vars/var0/caller.");
  }

  @Test
  public void parse_emptyCaller_isRefused() {
    AiJsonException e =
        parseFails(document("'var0': {'kind': 'opaque', 'module': 'com.acme', 'caller': ''}"));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e)
        .hasMessageThat()
        .contains("var0 needs \"caller\" as a string, not the string \"\".");
  }

  @Test
  public void parse_callerThatIsNoClassName_isRefused() {
    AiJsonException e =
        parseFails(
            document("'var0': {'kind': 'opaque', 'module': 'com.acme', 'caller': 'my-source'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0: caller \"my-source\" is not a class name (Outer$Inner) with an optional #method."
                + " Write the class as named inside its package at /vars/var0/caller.");
  }

  @Test
  public void parse_nestedClassCaller_isAccepted() {
    AiJsonDocument doc =
        AiJsonDocument.parse(
            document("'var0': {'kind': 'opaque', 'module': 'com.acme', 'caller': 'Outer$Inner'}"));

    assertThat(doc.var("var0").className()).isEqualTo("com.acme.Outer$Inner");
  }

  @Test
  public void parse_constructorCallerWithMethod_isRefused() {
    AiJsonException e =
        parseFails(
            document("'var0': {" + TOKENIZER.replace("'Tokenizer'", "'Tokenizer#create'") + "}"));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0: a constructor var's caller names a class, without #method; \"Tokenizer#create\""
                + " does not. Fix the caller at /vars/var0/caller.");
  }

  @Test
  public void parse_providesCallerWithoutMethod_isRefused() {
    AiJsonException e =
        parseFails(document("'var0': {" + TOKENIZER.replace("constructor", "provides") + "}"));

    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e)
        .hasMessageThat()
        .contains("a provides var's caller must name its method, as Class#method");
  }

  @Test
  public void parse_unknownScope_isRefused() {
    AiJsonException e = parseFails(document("'var0': {" + TOKENIZER + ", 'scope': 'request'}"));

    assertThat(e.path()).isEqualTo("/vars/var0/scope");
    assertThat(e)
        .hasMessageThat()
        .contains("scope the string \"request\" is unknown. Write \"singleton\"");
  }

  @Test
  public void parse_callWithoutReceiver_isRefused() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'call', 'module': 'com.acme', 'caller': 'Trainer#fit',"
                    + " 'signature': [], 'kwargs': {}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/receiver");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0 is a call, so it needs \"receiver\": a reference such as \"$var3\" to the object"
                + " whose method was called, not null. Write it at /vars/var0/receiver.");
  }

  @Test
  public void parse_nonCallWithReceiver_isRefused() {
    AiJsonException e =
        parseFails(
            document("'var0': {" + OPAQUE + "}, 'var1': {" + TOKENIZER + ", 'receiver': '$var0'}"));

    assertThat(e.path()).isEqualTo("/vars/var1/receiver");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo("var1 is neither a call nor a provides var, so it cannot have a receiver."
            + " Remove it at /vars/var1/receiver.");
  }

  @Test
  public void parse_signatureAndKwargsOfDifferentSizes_isRefused() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Tokenizer',"
                    + " 'signature': ['java.lang.String', 'int'], 'kwargs': {'vocabSize': 100}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0 has 1 kwargs but its signature has 2 parameters; every parameter needs exactly"
                + " one kwarg. Add the missing arguments at /vars/var0/kwargs or fix the"
                + " signature.");
  }

  /**
   * Vars that write the same signature share one array as the document is read: a good one is
   * checked once for all of them, and a bad one is refused at each var that writes it (and only
   * for its bad entry: its kwargs are not counted against the entries that are good).
   */
  @Test
  public void parse_sharedSignatures_goodOnesAreShared_badOnesRefusedAtEachVar() {
    String good = "'signature': ['int', 'java.lang.String'], 'kwargs': {'size': 1, 'name': 'a'}}";
    String bad = "'signature': ['int', null], 'kwargs': {'size': 1, 'name': 'a'}}";
    String head = "{'kind': 'constructor', 'module': 'com.acme', 'caller': 'Tokenizer', ";
    AiJsonDocument document = AiJsonDocument.parse(
        document("'var0': " + head + good + ", 'var1': " + head + good));

    assertThat(document.var("var1").signature()).isSameInstanceAs(document.var("var0").signature());
    assertThat(document.var("var1").signature()).containsExactly("int", "java.lang.String").inOrder();

    AiJsonException e = parseFails(document("'var0': " + head + good + ", 'var1': " + head + bad
        + ", 'var2': " + head + good + ", 'var3': " + head + bad));

    assertThat(e.problems().stream().map(AiJsonException.Problem::path).toList())
        .containsExactly("/vars/var1/signature/1", "/vars/var3/signature/1").inOrder();
  }

  @Test
  public void parse_missingSignature_isRefused() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Tokenizer',"
                    + " 'kwargs': {}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/signature");
    assertThat(e)
        .hasMessageThat()
        .contains("var0 needs \"signature\": the array of its parameter types");
  }

  @Test
  public void parse_opaqueWithKwargs_isRefused() {
    AiJsonException e = parseFails(document("'var0': {" + OPAQUE + ", 'kwargs': {}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e)
        .hasMessageThat()
        .contains("var0 is opaque (supplied by serving code), so it has no kwargs.");
  }

  @Test
  public void parse_membersOnProvides_isRefused() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'provides', 'module': 'com.acme', 'caller': 'Wiring#source',"
                    + " 'signature': [], 'kwargs': {}, 'members': {'seed': 1}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/members");
    assertThat(e).hasMessageThat().contains("only constructor vars (injected members) and module"
        + " vars (fields) have members");
  }

  // references

  @Test
  public void parse_danglingReference_isRefused() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {"
                    + OPAQUE
                    + "}, 'var2': {'kind': 'constructor', 'module': 'com.acme',"
                    + " 'caller': 'Scorer', 'signature': ['com.acme.Source'],"
                    + " 'kwargs': {'source': '$var1'}}"));

    assertThat(e.path()).isEqualTo("/vars/var2/kwargs/source");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var2 references \"$var1\" at /vars/var2/kwargs/source, but the document has no var1."
                + " Reference a var that exists.");
  }

  /**
   * References to earlier vars are read from the text's characters without a string; what only
   * looks like one must still be told from it.
   */
  @Test
  public void parse_textsThatAlmostNameAnEarlierVar_areNotReferences() {
    String earlier = "'var0': {" + OPAQUE + "}, 'var1': {" + OPAQUE + "}, ";

    AiJsonDocument read = AiJsonDocument.parse(document(earlier
        + "'var2': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scorer',"
        + " 'signature': ['com.acme.Source', 'java.lang.String'],"
        + " 'kwargs': {'source': '$var1', 'escaped': '$$var1'}}"));

    assertThat(read.var("var2").kwargs().get("source")).isEqualTo(new AiJsonRef("var1"));
    assertThat(read.var("var2").kwargs().get("escaped")).isEqualTo("$var1");
    for (String text : List.of("$var01", "$var1x", "$vár1", "$var")) {
      AiJsonException e = parseFails(document(earlier
          + "'var2': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scorer',"
          + " 'signature': ['java.lang.String'], 'kwargs': {'name': '" + text + "'}}"));

      assertThat(e.path()).isEqualTo("/vars/var2/kwargs/name");
      assertThat(e).hasMessageThat().contains("starts with $ but is not a reference");
    }
  }

  /** Regression: a reference to a var past the last one was reported as a cycle. */
  @Test
  public void parse_referenceToVarPastTheEnd_isRefusedAsDangling() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scorer',"
                    + " 'signature': ['com.acme.Source'], 'kwargs': {'source': '$var7'}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/source");
    assertThat(e)
        .hasMessageThat()
        .contains("but the document has no var7. Reference a var that exists.");
    assertThat(e).hasMessageThat().doesNotContain("cycles");
  }

  @Test
  public void parse_forwardReference_isRefusedAsCycle() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scorer',"
                    + " 'signature': ['java.util.List'], 'kwargs': {'sources': ['$var1']}},"
                    + " 'var1': {"
                    + OPAQUE
                    + "}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/sources/0");
    assertThat(e)
        .hasMessageThat()
        .isEqualTo(
            "var0 references \"$var1\" at /vars/var0/kwargs/sources/0, which is not an earlier var;"
                + " references must point backwards (no cycles). Reference a var defined above"
                + " var0.");
  }

  /**
   * References are checked while they are read (each must name a var read before its own); a
   * document with gaps in its numbering takes the same rules.
   */
  @Test
  public void parse_referenceAcrossAGap_resolvesAndOneIntoTheGapIsDangling() {
    AiJsonDocument document =
        AiJsonDocument.parse(
            document(
                "'var0': {" + OPAQUE + "}, 'var5': {" + OPAQUE + "},"
                    + " 'var9': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scorer',"
                    + " 'signature': ['com.acme.Source', 'com.acme.Source'],"
                    + " 'kwargs': {'first': '$var0', 'second': '$var5'}}"));
    assertThat(document.var("var9").references())
        .containsExactly(AiJsonRef.to("var0"), AiJsonRef.to("var5"))
        .inOrder();

    AiJsonException e =
        parseFails(
            document(
                "'var0': {" + OPAQUE + "}, 'var5': {" + OPAQUE + "},"
                    + " 'var9': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scorer',"
                    + " 'signature': ['com.acme.Source'], 'kwargs': {'source': '$var3'}}"));
    assertThat(e.path()).isEqualTo("/vars/var9/kwargs/source");
    assertThat(e).hasMessageThat().contains("but the document has no var3");
  }

  @Test
  public void parse_referenceToALaterVarAfterAnEarlierOne_isRefusedAsCycle() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {" + OPAQUE + "}, 'var1': {'kind': 'constructor', 'module': 'com.acme',"
                    + " 'caller': 'Scorer', 'signature': ['java.util.List'],"
                    + " 'kwargs': {'sources': ['$var0', '$var0', '$var2']}},"
                    + " 'var2': {" + OPAQUE + "}"));
    assertThat(e.path()).isEqualTo("/vars/var1/kwargs/sources/2");
    assertThat(e).hasMessageThat().contains("which is not an earlier var");
  }

  /**
   * Strings a document repeats are read into one string each, up to a bound; past it (many
   * distinct strings, or long ones) every string is still read exactly.
   */
  @Test
  public void parse_manyDistinctAndLongStrings_areReadExactly() {
    StringBuilder labels = new StringBuilder();
    int count = 40_000;
    for (int i = 0; i < count; i++) {
      labels.append(i == 0 ? "" : ", ").append("'label").append(i).append("'");
    }
    String longText = "x".repeat(129) + "$";
    AiJsonDocument document =
        AiJsonDocument.parse(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Scorer',"
                    + " 'signature': ['java.util.List', 'java.lang.String', 'java.lang.String'],"
                    + " 'kwargs': {'labels': [" + labels + "], 'long': '" + longText + "',"
                    + " 'again': '" + longText + "'}}"));
    List<?> read = (List<?>) document.var("var0").kwargs().get("labels");
    assertThat(read).hasSize(count);
    assertThat(read.get(0)).isEqualTo("label0");
    assertThat(read.get(count - 1)).isEqualTo("label" + (count - 1));
    assertThat(document.var("var0").kwargs().get("long")).isEqualTo(longText);
    assertThat(document.var("var0").kwargs().get("again")).isEqualTo(longText);
  }

  @Test
  public void parse_selfReference_isRefusedAsCycle() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'constructor', 'module': 'com.acme', 'caller': 'Node',"
                    + " 'signature': ['com.acme.Node'], 'kwargs': {'next': '$var0'}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs/next");
    assertThat(e)
        .hasMessageThat()
        .contains("which is not an earlier var; references must point backwards (no cycles)");
  }

  @Test
  public void parse_selfReferencingReceiver_isRefused() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'call', 'module': 'com.acme', 'caller': 'Trainer#fit',"
                    + " 'receiver': '$var0', 'signature': [], 'kwargs': {}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/receiver");
    assertThat(e).hasMessageThat().contains("no cycles");
  }

  @Test
  public void parse_referenceInsideMembers_isChecked() {
    AiJsonException e =
        parseFails(
            document("'var0': {" + TOKENIZER + ", 'members': {'setSource': {'source': '$var3'}}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/members/setSource/source");
  }

  // several problems

  @Test
  public void parse_severalProblems_listsEveryOneAndPointsAtTheFirst() {
    AiJsonException e =
        parseFails(
            json(
                "{'aijson': 2, 'comment': 'x', 'vars': {'var0': {"
                    + TOKENIZER.replace("constructor", "builder")
                    + "}}}"));

    assertThat(e.problems())
        .containsExactly(
            new Problem(
                "/comment",
                "Unknown top-level field \"comment\". A document has only aijson, vars, cut and"
                    + " environment; remove it at /comment."),
            new Problem(
                "/aijson",
                "Unknown format version the number 2 at /aijson; this version of aijson reads"
                    + " format 1. Use a matching aijson release or re-export the document."),
            new Problem(
                "/vars/var0/kind",
                "var0: kind the string \"builder\" is unknown. Write one of constructor, provides,"
                    + " call, opaque, multibinding, unobserved, factory, module at /vars/var0/kind."))
        .inOrder();
    assertThat(e.path()).isEqualTo("/comment");
    assertThat(e)
        .hasMessageThat()
        .startsWith("3 problems in the aijson document:\n  1. Unknown top-level field");
    assertThat(e).hasMessageThat().contains("\n  3. var0: kind the string \"builder\"");
  }

  @Test
  public void parse_problemsInSeveralVars_areAllListed() {
    AiJsonException e =
        parseFails(
            document(
                "'var0': {'kind': 'opaque', 'module': 'com.acme'},"
                    + " 'var1': {'kind': 'opaque', 'caller': 'Source'}"));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.path()).isEqualTo("/vars/var0/caller");
    assertThat(e.problems().get(1).path()).isEqualTo("/vars/var1/module");
  }

  // assisted-inject factories

  private static final String FACTORY =
      "'kind': 'factory', 'module': 'com.acme', 'caller': 'EncoderFactory',"
          + " 'key': 'com.acme.EncoderFactory'";

  private static final String ENCODER =
      "'kind': 'constructor', 'module': 'com.acme', 'caller': 'LstmEncoder',"
          + " 'signature': ['int', 'double'], 'kwargs': {'layers': 4, 'dropout': 0.25}";

  private static String product(String factory) {
    return document("'var0': {" + FACTORY + "}, 'var1': {" + ENCODER + ", 'factory': " + factory + "}");
  }

  @Test
  public void parse_factoryVarAndItsProduct_areAccepted() {
    AiJsonDocument doc = AiJsonDocument.parse(
        product("{'key': 'com.acme.EncoderFactory', 'method': 'create', 'assisted': ['layers', 'dropout']}"));

    assertThat(doc.var("var0").kind()).isEqualTo(AiJsonVar.Kind.FACTORY);
    assertThat(doc.var("var0").signature()).isEmpty();
    assertThat(doc.var("var1").factory()).isEqualTo(
        new AiJsonVar.Factory("com.acme.EncoderFactory", "create", java.util.List.of("layers", "dropout")));
    assertThat(AiJsonDocument.parse(doc.toJson())).isEqualTo(doc);
    assertThat(doc.toJson()).contains("      \"factory\": {\n        \"key\": \"com.acme.EncoderFactory\",\n"
        + "        \"method\": \"create\",\n        \"assisted\": [\"layers\", \"dropout\"]\n      }\n");
  }

  @Test
  public void parse_factoryVarWithoutKey_isRefused() {
    AiJsonException e = parseFails(document("'var0': {'kind': 'factory', 'module': 'com.acme',"
        + " 'caller': 'EncoderFactory'}"));

    assertThat(e.path()).isEqualTo("/vars/var0");
    assertThat(e).hasMessageThat().isEqualTo("var0: a factory var needs the key it is bound to, such"
        + " as \"com.acme.EncoderFactory\". Add \"key\" at /vars/var0.");
  }

  @Test
  public void parse_factoryVarWithKwargs_isRefused() {
    AiJsonException e = parseFails(document("'var0': {" + FACTORY + ", 'kwargs': {}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/kwargs");
    assertThat(e).hasMessageThat().isEqualTo("var0 is a factory (its objects are vars of their own), so"
        + " it has no kwargs. Remove it at /vars/var0/kwargs.");
  }

  @Test
  public void parse_factoryFieldOnAProvidesVar_isRefused() {
    AiJsonException e = parseFails(document("'var0': {'kind': 'provides', 'module': 'com.acme',"
        + " 'caller': 'Wiring#encoder', 'signature': [], 'kwargs': {},"
        + " 'factory': {'key': 'com.acme.EncoderFactory', 'method': 'create', 'assisted': []}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/factory");
    assertThat(e).hasMessageThat().isEqualTo("var0 is a provides var, but only a constructor var is made"
        + " by a factory. Remove \"factory\" at /vars/var0/factory, or fix"
        + " the kind.");
  }

  @Test
  public void parse_factoryProductWithAKey_isRefused() {
    AiJsonException e = parseFails(document("'var0': {" + ENCODER + ", 'key': 'com.acme.Encoder',"
        + " 'factory': {'key': 'com.acme.EncoderFactory', 'method': 'create', 'assisted': []}}"));

    assertThat(e.path()).isEqualTo("/vars/var0/key");
    assertThat(e).hasMessageThat().isEqualTo("var0 was made by a factory, so it has no key of its own:"
        + " Guice binds what a factory makes under an internal key, unscoped. Remove \"key\" at"
        + " /vars/var0/key; the"
        + " factory's key is factory.key.");
  }

  @Test
  public void parse_factoryFieldWithBadParts_isRefusedAtEachPart() {
    AiJsonException e = parseFails(product("{'key': '', 'method': 'new-one', 'assisted': ['layers', 'depth',"
        + " 'layers'], 'why': 1}"));

    assertThat(e.problems().stream().map(Problem::path).toList()).containsExactly(
        "/vars/var1/factory/why", "/vars/var1/factory/key", "/vars/var1/factory/method",
        "/vars/var1/factory/assisted/1", "/vars/var1/factory/assisted/2").inOrder();
    assertThat(e.problems().get(3).message()).isEqualTo("var1: factory.assisted/1 is the string"
        + " \"depth\", which names no kwarg of var1 (layers, dropout); assisted lists the kwargs that"
        + " were the factory method's arguments. Name one of its kwargs at /vars/var1/factory/assisted/1.");
    assertThat(e.problems().get(4).message()).isEqualTo("var1: factory.assisted names kwarg \"layers\""
        + " twice; each argument of the factory method is one kwarg. Remove the second at"
        + " /vars/var1/factory/assisted/2.");
  }

  @Test
  public void parse_factoryFieldNotAnObject_isRefused() {
    AiJsonException e = parseFails(product("'create'"));

    assertThat(e.path()).isEqualTo("/vars/var1/factory");
    assertThat(e).hasMessageThat().startsWith("var1: \"factory\" is the string \"create\", not an object");
  }
}
