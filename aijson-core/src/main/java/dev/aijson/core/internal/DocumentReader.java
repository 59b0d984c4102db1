package dev.aijson.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.aijson.core.AiJsonDocument;
import dev.aijson.core.AiJsonException.Problem;
import dev.aijson.core.AiJsonException;
import dev.aijson.core.AiJsonLimits;
import dev.aijson.core.AiJsonRef;
import dev.aijson.core.AiJsonVar;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the JSON form of a document, checking syntax, limits, the format version and the shape
 * of every var; collects every problem it finds before failing. A document is parsed by the
 * reader's own parser of strict JSON ({@link #ownRoot}), and by Jackson's if the own one leaves it
 * (every bad document is then refused by Jackson's rules and messages, as before the own parser).
 */
public final class DocumentReader {
  private static final Pattern IDENTIFIER = Pattern.compile("\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*");
  private static final Pattern PACKAGE = Pattern.compile("(" + IDENTIFIER + "(\\." + IDENTIFIER + ")*)?");
  // $ is an identifier part, so Outer$Inner is one identifier; a separate ($part+)* group
  // would make the pattern ambiguous and its matching time grow with the square of the length
  private static final Pattern CALLER = Pattern.compile(IDENTIFIER + "(#" + IDENTIFIER + ")?");
  private static final int SCANNED_NAMES = 8;
  // read for every var: an array, walked without an iterator
  private static final AiJsonVar.Kind[] KINDS = AiJsonVar.Kind.values();
  private static final String KIND_NAMES = String.join(", ",
      Arrays.stream(KINDS).map(AiJsonVar.Kind::jsonName).toArray(String[]::new));
  private static final String MULTIBINDINGS = "com.google.inject.multibindings";
  private static final Map<String, List<String>> MULTIBINDING_KWARGS = Map.of(
      "Multibinder", List.of("elements"),
      "MapBinder", List.of("keys", "values"),
      "OptionalBinder", List.of("value"));
  private static final Set<String> ROOT_FIELDS = Set.of("aijson", "vars", "cut", "environment");
  /**
   * The fields of one var, each in its slot: a var is looked up a dozen times by field name, and
   * a field's slot is found by a switch on the name instead of by comparing it with every key.
   */
  private static final class VarFields extends java.util.AbstractMap<String, Object> {
    private static final Object ABSENT = new Object();
    private static final String[] NAMES = {
        "kind", "module", "caller", "key", "scope", "receiver", "signature", "kwargs", "members",
        "factory"};
    final Object[] values = new Object[NAMES.length];

    VarFields() {
      clear();
    }

    /** Empties every slot: one instance reads each var in turn. */
    @Override
    public void clear() {
      Arrays.fill(values, ABSENT);
    }

    static int slot(Object field) {
      return !(field instanceof String name) ? -1 : switch (name) {
        case "kind" -> 0;
        case "module" -> 1;
        case "caller" -> 2;
        case "key" -> 3;
        case "scope" -> 4;
        case "receiver" -> 5;
        case "signature" -> 6;
        case "kwargs" -> 7;
        case "members" -> 8;
        case "factory" -> 9;
        default -> -1;
      };
    }

    @Override
    public Object get(Object field) {
      int slot = slot(field);
      return slot < 0 || values[slot] == ABSENT ? null : values[slot];
    }

    @Override
    public boolean containsKey(Object field) {
      int slot = slot(field);
      return slot >= 0 && values[slot] != ABSENT;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      Map<String, Object> present = new java.util.LinkedHashMap<>();
      for (int i = 0; i < NAMES.length; i++) {
        if (values[i] != ABSENT) {
          present.put(NAMES[i], values[i]);
        }
      }
      return present.entrySet();
    }
  }

  private static final List<String> FACTORY_FIELDS = List.of("key", "method", "assisted");

  private final AiJsonLimits limits;
  private final ProblemList problems = new ProblemList();
  private final JsonFactory factory;
  // whether the parser reads a copy of the text in one array, not through a reader
  private final boolean oneArray;
  // Vars repeat a few modules, callers and signatures: each is checked and kept once.
  private final Map<String, String> validModules = new HashMap<>();
  private final Map<String, String> validCallers = new HashMap<>();
  private final Map<List<String>, List<String>> signatures = new HashMap<>();
  // the checked signature of each array the read shares, by the array's identity
  private final Map<Object, List<String>> signaturesRead = new java.util.IdentityHashMap<>();
  private static final int MAX_SIGNATURES_READ = 1024;
  // one reference object per var: what later looks vars up by reference hashes its name once
  // (for references that do not name an earlier var; the others share varRefs)
  private final Map<String, AiJsonRef> refs = new HashMap<>();
  private final Texts texts = new Texts();
  private final VarFields varFields = new VarFields();
  // the numbers of the vars read so far, in order, and the one being read (-1 outside the vars)
  private int[] varNumbers = new int[64];
  private AiJsonRef[] varRefs = new AiJsonRef[64];
  private int varCount;
  private int currentVar = -1;
  // whether every reference read so far names a var before the one it is in: then the document's
  // references need no second look
  private boolean backward = true;
  /** The root that {@link #parsed} read with this reader. */
  private Object parsedRoot;
  // one reusable buffer per nesting depth: values are copied out into arrays of the right size
  private final List<List<String>> nameBuffers = new ArrayList<>();
  private final List<List<Object>> valueBuffers = new ArrayList<>();

  private DocumentReader(AiJsonLimits limits, boolean oneArray) {
    this.limits = limits;
    this.oneArray = oneArray;
    this.factory = factoryFor(limits);
  }

  /**
   * Drops the shared parser factory if this read met a long field name: the factory keeps the
   * names its parsers saw, and a document of long names (hostile, say) must not stay in memory
   * once it is read. Var names and field names are short.
   */
  private void releaseLongNames() {
    if (longestName > KEPT_NAME_CHARS) {
      lastFactory = null;
    }
  }

  /** Returns whether a parser factory is kept for the next read with {@code limits}. */
  static boolean keepsFactoryFor(AiJsonLimits limits) {
    return fits(lastFactory, limits);
  }

  private static boolean fits(Factory factory, AiJsonLimits limits) {
    return factory != null && factory.maxDepth() == limits.maxDepth()
        && factory.maxStringChars() == limits.maxStringChars();
  }

  // the longest field name a factory may be kept after (a read of longer ones drops it)
  private static final int KEPT_NAME_CHARS = 256;
  private int longestName;

  /** The parser factory of the last limits read with: most processes read with one set of limits. */
  private static volatile Factory lastFactory;

  private record Factory(int maxDepth, int maxStringChars, JsonFactory factory) {}

  /**
   * Returns a parser factory for {@code limits}, shared by every read with the same limits: a
   * factory keeps the field names its parsers have seen (var names, var fields), so that the
   * next document's are found instead of being made again.
   */
  private static JsonFactory factoryFor(AiJsonLimits limits) {
    Factory last = lastFactory; // read once: another read may drop it meanwhile
    if (fits(last, limits)) {
      return last.factory();
    }
    JsonFactory factory =
        JsonFactory.builder()
            // names are compared with equals here; interning every var name costs much
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    // ours are checked first, with clearer messages; these are the backstop
                    .maxNestingDepth(oneMore(limits.maxDepth()))
                    .maxStringLength(oneMore(Math.max(limits.maxStringChars(), 1024)))
                    // names are strings too: bounded by maxStringChars, not Jackson's 50,000
                    .maxNameLength(oneMore(Math.max(limits.maxStringChars(), 1024)))
                    .build())
            .build();
    lastFactory = new Factory(limits.maxDepth(), limits.maxStringChars(), factory);
    return factory;
  }

  /**
   * Returns {@code bound + 1}, or {@code bound} at {@link Integer#MAX_VALUE}: the sum would wrap
   * to a negative bound, which Jackson refuses with an exception of its own.
   */
  private static int oneMore(int bound) {
    return bound == Integer.MAX_VALUE ? bound : bound + 1;
  }

  /**
   * Returns the document {@code json} holds, read and checked within {@code limits}: the engine
   * of {@link AiJsonDocument#parse(String, AiJsonLimits)}.
   *
   * @throws AiJsonException naming the rule and the pointer of the node that broke it
   */
  public static AiJsonDocument read(String json, AiJsonLimits limits) {
    return read(json, limits, Parsing.OWN);
  }

  /** Which parser a read uses: the test seam of {@link #read(String, AiJsonLimits, Parsing)}. */
  enum Parsing {
    /** The reader's own parser, and Jackson's (as {@link #oneArray(String)} says) for what it leaves. */
    OWN,
    /** Jackson's parser only, through a reader. */
    READER,
    /** Jackson's parser only, of a copy of the text in one array. */
    ONE_ARRAY
  }

  /**
   * Reads {@code json} as {@link #read(String, AiJsonLimits)} does, with the parser {@code
   * parsing} names; the document, or the problem, is the same with each.
   */
  static AiJsonDocument read(String json, AiJsonLimits limits, Parsing parsing) {
    NullArguments.check(json, "AiJsonDocument.parse", "json", "Pass the text of a document.");
    NullArguments.check(limits, "AiJsonDocument.parse", "limits", "Pass AiJsonLimits.defaults() or your own.");
    if (json.length() > limits.maxChars()) {
      throw new AiJsonException(
          "",
          "The aijson document has " + json.length() + " characters, more than the limit of "
              + limits.maxChars() + ". Split the document, or raise AiJsonLimits.maxChars if it is"
              + " trusted.");
    }
    refuseOtherEncodings(json);
    DocumentReader reader = parsed(json, limits, parsing, true);
    return reader.interpret(reader.parsedRoot);
  }

  /**
   * Refuses a text that starts with a byte order mark, or whose first characters are NUL, the
   * mark of UTF-16 or UTF-32 bytes read as UTF-8: JSON allows neither, and Jackson's message
   * ("Unexpected character ('?' (code 65279))", "Illegal character (CTRL-CHAR, code 0)") does not
   * say that the encoding is the problem.
   */
  private static void refuseOtherEncodings(String json) {
    if (json.isEmpty()) {
      return;
    }
    char first = json.charAt(0);
    if (first == '\uFEFF' || first == '\uFFFE') {
      throw new AiJsonException("", "The aijson document starts with a byte order mark (U+"
          + (first == '\uFEFF' ? "FEFF" : "FFFE") + "); a document is UTF-8 text without one"
          + " (docs/FORMAT.md, \"The document\"). Remove the mark: save the file as UTF-8"
          + " without BOM, or drop the text's first character.");
    }
    int end = Math.min(json.length(), 4);
    for (int i = 0; i < end; i++) {
      if (json.charAt(i) == '\0') {
        throw new AiJsonException("", "The aijson document has a NUL character at its start"
            + " (character " + (i + 1) + "), as UTF-16 or UTF-32 text read as UTF-8 does; a"
            + " document is UTF-8 text (docs/FORMAT.md, \"The document\"). Convert the file to"
            + " UTF-8, for example with iconv -f UTF-16 -t UTF-8, or read it with its own"
            + " charset before passing the text.");
      }
    }
  }

  /**
   * The text of a file is not UTF-8: it starts with the byte order mark of UTF-16 or UTF-32. The
   * message names the file, the encoding and the fix.
   */
  public static final class NotUtf8 extends IOException {
    private static final long serialVersionUID = 1L;

    NotUtf8(String message) {
      super(message);
    }
  }

  /**
   * Returns the reader that parsed {@code json} with {@code parsing}'s parser, its root in {@link
   * #parsedRoot}: the own parser's reader, or, for a text the own parser leaves, a new reader of
   * Jackson's parser, which reads it again from its start.
   */
  private static DocumentReader parsed(
      String json, AiJsonLimits limits, Parsing parsing, boolean document) {
    DocumentReader reader = new DocumentReader(limits, false);
    Object root = parsing == Parsing.OWN ? reader.ownRoot(json) : UNREAD;
    if (root == UNREAD) {
      reader = new DocumentReader(
          limits, parsing == Parsing.ONE_ARRAY || parsing == Parsing.OWN && oneArray(json));
      try {
        root = reader.root(json, document);
      } finally {
        reader.releaseLongNames();
      }
    }
    reader.parsedRoot = root;
    return reader;
  }

  /**
   * Returns whether the reader's own parser reads {@code json} whole, leaving nothing to
   * Jackson's: the test seam that tells which parser read a text.
   */
  static boolean readsOwn(String json, AiJsonLimits limits) {
    return new DocumentReader(limits, false).ownRoot(json) != UNREAD;
  }

  /**
   * Returns the text of {@code file}, reading at most {@code maxChars + 1} characters of strict
   * UTF-8, so that a huge file (or {@code /dev/zero}) is refused without being read whole.
   *
   * @param file the file
   * @param maxChars the most characters a document may have
   * @return its text
   * @throws IOException if it cannot be read, is not UTF-8, or has more than {@code maxChars}
   *     characters (the message says which, and the limit)
   */
  public static String readText(java.nio.file.Path file, long maxChars) throws IOException {
    java.nio.charset.CharsetDecoder utf8 = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
    // UTF-8 takes at most 3 bytes a char: a regular file past 3 bytes a char of the limit is
    // refused by its size, unread
    long size = java.nio.file.Files.isRegularFile(file) ? java.nio.file.Files.size(file) : -1;
    if (size / 3 > maxChars) {
      throw new IOException(file + " has more than " + maxChars + " characters, the limit of an"
          + " aijson document (AiJsonLimits.maxChars): it is " + size + " bytes long; it was not"
          + " read");
    }
    try (java.io.InputStream bytes = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(file));
        java.io.Reader reader = new java.io.InputStreamReader(bytes, utf8)) {
      refuseByteOrderMarks(file, bytes);
      // a regular file has at most as many chars as bytes: sized to it, the text is never copied
      // to grow, which would hold up to three times a large document at once
      long capacity = Math.min(maxChars + 1, size >= 0 ? size + 1 : 1 << 16);
      StringBuilder text = new StringBuilder((int) Math.min(capacity, Integer.MAX_VALUE - 8));
      char[] buffer = new char[1 << 13];
      for (int read = reader.read(buffer); read >= 0; read = reader.read(buffer)) {
        text.append(buffer, 0, read);
        if (text.length() > maxChars) {
          throw new IOException(file + " has more than " + maxChars + " characters, the limit of an"
              + " aijson document (AiJsonLimits.maxChars); it was not read further");
        }
      }
      return text.toString();
    }
  }

  /**
   * Throws {@link NotUtf8} if {@code bytes}, the start of {@code file}, are the byte order mark of
   * UTF-16 or UTF-32, which strict UTF-8 would report only as a malformed byte; leaves the
   * stream where it was.
   */
  private static void refuseByteOrderMarks(java.nio.file.Path file, java.io.InputStream bytes)
      throws IOException {
    bytes.mark(4);
    byte[] start = bytes.readNBytes(4);
    bytes.reset();
    int a = start.length > 0 ? start[0] & 0xFF : -1;
    int b = start.length > 1 ? start[1] & 0xFF : -1;
    boolean thirtyTwo = start.length == 4 && (a == 0 && b == 0 && (start[2] & 0xFF) == 0xFE
        && (start[3] & 0xFF) == 0xFF || a == 0xFF && b == 0xFE && start[2] == 0 && start[3] == 0);
    String encoding = thirtyTwo ? "UTF-32" : a == 0xFE && b == 0xFF ? "UTF-16 (big-endian)"
        : a == 0xFF && b == 0xFE ? "UTF-16 (little-endian)" : null;
    if (encoding != null) {
      throw new NotUtf8(file + " is " + encoding + " text (it starts with that encoding's byte"
          + " order mark), but an aijson document is UTF-8 without a byte order mark"
          + " (docs/FORMAT.md, \"The document\"); it was not read. Convert it to UTF-8, for"
          + " example with iconv -f " + encoding.replaceAll(" .*", "") + " -t UTF-8");
    }
  }

  /**
   * Returns the document value that {@code json} holds, read with a document's rules: numbers
   * exact, {@code "$varN"} a reference, {@code "$$x"} the string {@code "$x"}, within {@code
   * limits}.
   *
   * @throws AiJsonException naming the rule and the pointer inside the value that broke it
   */
  public static Object readValue(String json, AiJsonLimits limits) {
    NullArguments.check(json, "AiJsonValues.parse", "json", "Pass the JSON text of a value.");
    NullArguments.check(limits, "AiJsonValues.parse", "limits", "Pass AiJsonLimits.defaults() or your own.");
    if (json.length() > limits.maxChars()) {
      throw new AiJsonException("", "The value has " + json.length() + " characters, more than the"
          + " limit of " + limits.maxChars() + ". Shorten it.");
    }
    return readValue(json, limits, Parsing.OWN);
  }

  /** Reads {@code json} as {@link #readValue(String, AiJsonLimits)} does, with the parser {@code parsing} names. */
  static Object readValue(String json, AiJsonLimits limits, Parsing parsing) {
    DocumentReader reader = parsed(json, limits, parsing, false);
    if (!reader.problems.isEmpty()) {
      throw reader.problems.toException();
    }
    return reader.parsedRoot;
  }

  /** Reads the one JSON value of {@code json}: a whole document, or a value alone. */
  private Object root(String json, boolean document) {
    String subject = document ? "The aijson document" : "The value";
    Object root;
    JsonParser[] reading = new JsonParser[1];
    try (JsonParser parser = parserOf(json)) {
      reading[0] = parser;
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new AiJsonException(
            "", document
                ? "The aijson document is empty. Pass a JSON object such as {\"aijson\": 1, \"vars\": {}}."
                : "The value is empty. Pass a JSON value such as 3, \"text\" or [1, 2].");
      }
      root = value(parser, 0);
      JsonToken trailing = parser.nextToken();
      if (trailing != null) {
        throw new AiJsonException(
            "",
            subject + " has content after its end (" + parser.getText() + " at "
                + where(parser.currentLocation()) + "). Remove everything after "
                + (document ? "the closing }." : "the value."));
      }
    } catch (JsonProcessingException e) {
      // a read-constraint failure (a name too long) names no parser, but the one reading knows;
      // past a complete value it failed on the next token, which is in the same container
      JsonParser parser = e.getProcessor() instanceof JsonParser p ? p : reading[0];
      JsonPointer at = parser == null ? JsonPointer.empty() : parser.getParsingContext().pathAsPointer();
      if (e instanceof StreamConstraintsException) {
        // Jackson measures a long token while it buffers it, so it refuses one far past a bound
        // before ours sees it whole: the problem is the bound, at the token, not the syntax; a
        // name is not in the path yet (the member before it may be): its object's pointer
        boolean name = String.valueOf(e.getOriginalMessage()).startsWith("Name length");
        if (name && parser != null && parser.getParsingContext().hasCurrentName() && at.head() != null) {
          at = at.head();
        }
        throw pastBound(subject, e, at.toString());
      }
      if (e.getProcessor() == null && parser != null && at.head() != null
          && (parser.currentToken().isScalarValue() || parser.currentToken().isStructEnd())) {
        at = at.head();
      }
      String pointer = at.toString();
      JsonLocation location = e.getLocation() != null || parser == null
          ? e.getLocation() : parser.currentLocation();
      throw new AiJsonException(
          pointer,
          subject + " is not valid JSON: " + e.getOriginalMessage() + " at "
              + where(location) + ". Fix the JSON syntax"
              + (pointer.isEmpty() ? "" : " near " + pointer) + ".",
          e);
    } catch (IOException | RuntimeException e) {
      if (e instanceof AiJsonException aijson) {
        throw aijson;
      }
      throw new AiJsonException(
          "", subject + " cannot be read: " + e.getMessage() + ". Fix the JSON.", e);
    }
    return root;
  }

  /**
   * Returns the problem for a token that Jackson refused as longer than its read constraints
   * allow, in aijson's terms: the bound of {@link AiJsonLimits} it passed and how to fix it.
   */
  private AiJsonException pastBound(String subject, JsonProcessingException e, String pointer) {
    String jackson = String.valueOf(e.getOriginalMessage());
    String where = " at " + (pointer.isEmpty() ? "the top level" : pointer);
    if (jackson.startsWith("String value length") || jackson.startsWith("Name length")) {
      String what = jackson.startsWith("Name") ? "A member name" : "A string";
      return new AiJsonException(pointer, what + where + " is longer than the limit of "
          + limits.maxStringChars() + " characters (it was not read further). Shorten it, or raise"
          + " AiJsonLimits.maxStringChars if the document is trusted.", e);
    }
    if (jackson.startsWith("Number value length")) {
      return new AiJsonException(pointer, "A number" + where + " has more than "
          + StreamReadConstraints.DEFAULT_MAX_NUM_LEN + " characters, the longest number aijson"
          + " reads (it was not read further). Shorten it.", e);
    }
    return new AiJsonException(pointer, subject + " is past a bound of what aijson reads"
        + where + " (" + jackson + "). Shorten or flatten it.", e);
  }

  /**
   * Returns a parser of {@code json}: through a reader, or of a copy of its characters in one
   * array if {@link #oneArray(String)} says so.
   */
  private JsonParser parserOf(String json) throws IOException {
    return oneArray
        ? factory.createParser(json.toCharArray())
        : factory.createParser(json);
  }

  /**
   * Returns whether {@code json} is read from one array of its characters: if it is longer than
   * {@link #SEAMLESS_FROM_CHARS} and at most {@link #SEAMLESS_TO_CHARS}. A reader hands the
   * parser 4,000 characters at a time, and a long document splits numbers, names and escapes at
   * those seams in ways short ones rarely do: the JIT, which compiled the parser on short
   * documents, compiles it again in the middle of the first long one, which meanwhile runs
   * interpreted (the first read of a 42-million-character document after short ones took 668 to
   * 798 ms, the reads after it mostly 240 to 330; from one array the first took 364 to 416). One array has no seams, but its copy costs about
   * 0.4 ns a character on every read, 5 to 8% of a read: below a million characters, where a
   * recompilation costs a few milliseconds at most, the reader is cheaper; beyond 64 million, the
   * copy's memory (two bytes a character, besides the text) is not spent.
   */
  private static boolean oneArray(String json) {
    return json.length() > SEAMLESS_FROM_CHARS && json.length() <= SEAMLESS_TO_CHARS;
  }

  private static final int SEAMLESS_FROM_CHARS = 1 << 20;
  private static final int SEAMLESS_TO_CHARS = 64 << 20;

  private static String where(JsonLocation location) {
    return location == null
        ? "an unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }

  /**
   * Returns the JSON Pointer of the value the parser is at (of the object or array it just
   * opened, or of the member or element it just read). Worked out from the parser only when a
   * problem needs it: most documents have none, and a pointer per value is most of the reading.
   */
  private static String here(JsonParser parser) {
    return parser.getParsingContext().pathAsPointer().toString();
  }

  /** Returns the empty buffer for the members or elements of a value at {@code depth}. */
  private static <T> List<T> scratch(List<List<T>> buffers, int depth) {
    while (buffers.size() <= depth) {
      buffers.add(new ArrayList<>());
    }
    List<T> buffer = buffers.get(depth);
    buffer.clear();
    return buffer;
  }

  // Jackson hands one string per distinct field name only while its table of names has room:
  // the var names of a large document (each a field name of "vars") fill it, and from then on
  // every kwarg and field name of every var was a string of its own (in a 100,000-var document,
  // 152,608 strings for 299,999 kwarg names of 9 distinct texts)
  private static final int MAX_FIELD_NAMES = 4096;
  private final Map<String, String> fieldNames = new HashMap<>();

  /**
   * Returns the one string this read keeps for a field name other than a var's: the name itself
   * the first time, or past {@value #MAX_FIELD_NAMES} distinct names (a document of many distinct
   * map keys keeps its own strings).
   */
  private String fieldName(String name) {
    return canonical(fieldNames, name, MAX_FIELD_NAMES);
  }

  /** Returns the value {@code table} keeps for one equal to {@code value}, keeping it if there is room. */
  private static <T> T canonical(Map<T, T> table, T value, int max) {
    T known = table.get(value);
    if (known != null) {
      return known;
    }
    if (table.size() < max) {
      table.put(value, value);
    }
    return value;
  }

  // the objects of a document repeat a few sets of member names (the fields of each kind of var,
  // the kwargs of each class): one array per distinct set is shared by the objects that have it,
  // for up to MAX_SHARED_NAMES sets a read (a table at most half full, so a probe ends)
  private static final int MAX_SHARED_NAMES = 256;
  private final String[][] nameSets = new String[MAX_SHARED_NAMES * 2][];
  private int nameSetCount;

  // the depth of the values of a var's kwargs and members: document, vars, var, kwargs, value
  private static final int VALUES_DEPTH = 4;

  // a document repeats numbers and lists of scalars (every layer's dropout, every head's labels):
  // equal ones, immutable, are one object, for up to MAX_SHARED_VALUES distinct numbers and
  // MAX_SHARED_LISTS lists a read (the lists in a table at most half full, so that a probe ends,
  // made at the first list: a value or a document without one does not pay for it)
  private static final int MAX_SHARED_VALUES = 4096;
  private static final int MAX_SHARED_LISTS = 1024;
  private final Map<Object, Object> sharedValues = new HashMap<>();
  private Values.DocumentList[] sharedLists;
  private int sharedListCount;

  /**
   * Returns the list of {@code elements}, scalars: the one kept if a list of equal elements was
   * read before, found without making the list.
   */
  private Values.DocumentList sharedList(List<Object> elements) {
    int size = elements.size();
    int hash = 1;
    for (int i = 0; i < size; i++) {
      hash = 31 * hash + Objects.hashCode(elements.get(i));
    }
    if (sharedLists == null) {
      sharedLists = new Values.DocumentList[MAX_SHARED_LISTS * 2];
    }
    int mask = sharedLists.length - 1;
    for (int slot = (hash ^ hash >>> 16) & mask; ; slot = (slot + 1) & mask) {
      Values.DocumentList known = sharedLists[slot];
      if (known == null) {
        Values.DocumentList read = new Values.DocumentList(elements.toArray());
        if (sharedListCount < MAX_SHARED_LISTS) {
          sharedLists[slot] = read;
          sharedListCount++;
        }
        return read;
      }
      if (known.size() == size && known.equals(elements)) {
        return known;
      }
    }
  }

  /** Returns the one number this read keeps for a number equal to {@code value}. */
  private Object shared(Object value) {
    return canonical(sharedValues, value, MAX_SHARED_VALUES);
  }

  /** Whether every element is a string, a number, a boolean or null: a list that can be shared. */
  private static boolean scalars(List<Object> elements) {
    for (int i = 0, size = elements.size(); i < size; i++) {
      Object element = elements.get(i);
      if (!(element == null || element instanceof String || element instanceof Long
          || element instanceof Boolean || element instanceof java.math.BigDecimal
          || element instanceof java.math.BigInteger)) {
        return false;
      }
    }
    return true;
  }

  /** Returns the names of an object's members as an array, the one kept if an object had them before. */
  private String[] sharedNames(List<String> names) {
    int size = names.size();
    int hash = size;
    for (int i = 0; i < size; i++) {
      hash = hash * 31 + names.get(i).hashCode();
    }
    int mask = nameSets.length - 1;
    for (int slot = (hash ^ hash >>> 16) & mask; ; slot = (slot + 1) & mask) {
      String[] known = nameSets[slot];
      if (known == null) {
        String[] copy = names.toArray(new String[0]);
        if (nameSetCount < MAX_SHARED_NAMES) {
          nameSets[slot] = copy;
          nameSetCount++;
        }
        return copy;
      }
      if (sameNames(known, names)) {
        return known;
      }
    }
  }

  private static boolean sameNames(String[] known, List<String> names) {
    if (known.length != names.size()) {
      return false;
    }
    for (int i = 0; i < known.length; i++) {
      String name = names.get(i);
      if (known[i] != name && !known[i].equals(name)) {
        return false;
      }
    }
    return true;
  }

  /** Reads the value the parser is at into {@link Values} form: copying it again changes nothing. */
  private Object value(JsonParser parser, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        checkDepth(parser, depth);
        boolean vars = depth == 1 && "vars".equals(parser.getParsingContext().getParent().getCurrentName());
        List<String> names = scratch(nameBuffers, depth);
        List<Object> values = scratch(valueBuffers, depth);
        Set<String> seen = null; // duplicates are looked for in the list until it grows long
        // var names in increasing order cannot repeat one another: they are not looked up until
        // a name breaks the order
        boolean ordered = vars;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = vars ? parser.currentName() : fieldName(parser.currentName());
          longestName = Math.max(longestName, name.length());
          if (name.length() > limits.maxStringChars()) {
            // the pointer of the object, not of the member whose name is too long
            checkString(name, parser.getParsingContext().pathAsPointer().head().toString());
          }
          ordered = vars && enterVar(name) && ordered;
          if (!ordered) {
            if (repeated(names, seen, name)) {
              throw new JsonParseException(parser, "Duplicate field '" + name + "'");
            }
            seen = seen(names, seen, name);
          }
          parser.nextToken();
          names.add(name);
          values.add(value(parser, depth + 1));
        }
        return object(names, values, vars);
      }
      case START_ARRAY -> {
        checkDepth(parser, depth);
        List<Object> list = scratch(valueBuffers, depth);
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          list.add(value(parser, depth + 1));
        }
        return array(list, depth);
      }
      case VALUE_STRING -> {
        int length = parser.getTextLength();
        if (length > limits.maxStringChars()) {
          checkString(parser.getText(), here(parser));
        }
        Object text = text(parser.getTextCharacters(), parser.getTextOffset(), length);
        return text == NOT_A_REFERENCE ? notAReference(parser.getText(), here(parser)) : text;
      }
      case VALUE_NUMBER_INT -> {
        // up to 18 digits (and a sign) a whole number is a long
        if (parser.getTextLength() <= 18 || parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
          return integer(parser.getLongValue());
        }
        return shared(parser.getBigIntegerValue());
      }
      case VALUE_NUMBER_FLOAT -> {
        BigDecimal number;
        try {
          number = parser.getDecimalValue();
        } catch (NumberFormatException e) {
          // the one number the syntax allows and BigDecimal does not hold: a scale past an int
          String pointer = here(parser);
          throw new AiJsonException(pointer, "The number " + Abbreviation.of(parser.getText())
              + (pointer.isEmpty() ? "" : " at " + pointer) + " has an exponent out of range: its"
              + " exponent, less the"
              + " digits after the point, must fit a Java int (about \u00b12.1 billion). Write the"
              + " number with a smaller exponent.", e);
        }
        return decimal(number);
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
      default -> throw new AiJsonException(
          here(parser), "Unexpected JSON token " + token + " at " + here(parser) + ". Fix the JSON syntax.");
    }
  }

  /** Returns the object of these members; if they are the vars, notes that the vars are read. */
  private Object object(List<String> names, List<Object> values, boolean vars) {
    if (vars) {
      currentVar = -1; // a reference after the vars is not inside one
      // the vars' names are the document's own: no other object shares them, and hashing them
      // read every name again (at 100,000 vars, 6% of from)
      return new Values.DocumentMap(names.toArray(new String[0]), values.toArray());
    }
    return new Values.DocumentMap(sharedNames(names), values.toArray());
  }

  /** Returns the array of these elements, at {@code depth}. */
  private Object array(List<Object> elements, int depth) {
    // a var's signature (one depth up) or a value of its kwargs or members: an array of scalars
    // equal to one read before is that one, found without making the list
    return depth >= VALUES_DEPTH - 1 && scalars(elements)
        ? sharedList(elements)
        : new Values.DocumentList(elements.toArray());
  }

  /** Returns whether {@code name} repeats a name of {@code names}, looked up in {@code seen} if there is one. */
  private static boolean repeated(List<String> names, Set<String> seen, String name) {
    return seen == null ? repeats(names, name) : !seen.add(name);
  }

  /**
   * Returns the set that duplicates of an object's member names are looked for in once {@code
   * name} is added to {@code names}: none while the list is short, then a set of them all.
   */
  private static Set<String> seen(List<String> names, Set<String> seen, String name) {
    if (seen == null && names.size() >= SCANNED_NAMES) {
      seen = new HashSet<>(names);
      seen.add(name);
    }
    return seen;
  }

  /**
   * Returns whether {@code names} holds {@code name}. Jackson hands one string per distinct name,
   * whose hash is worked out once: comparing hashes first spares comparing the characters of
   * names of one length ({@code module}, {@code caller}, {@code kwargs}).
   */
  private static boolean repeats(List<String> names, String name) {
    int hash = name.hashCode();
    for (int i = 0, size = names.size(); i < size; i++) {
      String known = names.get(i);
      if (known == name || known.hashCode() == hash && known.equals(name)) {
        return true;
      }
    }
    return false;
  }

  private void checkDepth(JsonParser parser, int depth) {
    if (depth >= limits.maxDepth()) {
      String pointer = here(parser);
      throw new AiJsonException(
          pointer,
          "The aijson document nests objects and arrays deeper than " + limits.maxDepth()
              + " levels at " + pointer + (limits.maxDepth() < AiJsonLimits.MAX_DEPTH_CEILING
                  ? ". Flatten the value, or raise AiJsonLimits.maxDepth (to at most "
                      + AiJsonLimits.MAX_DEPTH_CEILING + ") if the document is trusted."
                  : ", the most aijson reads. Flatten the value."));
    }
  }

  private void checkString(String text, String pointer) {
    if (text.length() > limits.maxStringChars()) {
      throw new AiJsonException(
          pointer,
          "A string of " + text.length() + " characters at " + pointer + " is longer than the limit"
              + " of " + limits.maxStringChars() + ". Shorten it, or raise"
              + " AiJsonLimits.maxStringChars if the document is trusted.");
    }
  }

  /**
   * Notes that the member {@code name} of the vars object is being read: references to it share
   * its name, so that looking a var up by reference compares the one string with itself, and
   * references inside it may point only to the vars before it.
   */
  private boolean enterVar(String name) {
    currentVar = -1;
    if (!AiJsonRef.isVarName(name)) {
      backward = false; // reported with the var
      return false;
    }
    int number = Documents.digits(name, 3);
    if (varCount > 0 && number <= varNumbers[varCount - 1]) {
      backward = false; // reported as out of order
      refs.putIfAbsent(name, new AiJsonRef(name));
      return false;
    }
    if (varCount == varNumbers.length) {
      varNumbers = Arrays.copyOf(varNumbers, varCount * 2);
      varRefs = Arrays.copyOf(varRefs, varCount * 2);
    }
    varRefs[varCount] = new AiJsonRef(name);
    varNumbers[varCount++] = number;
    currentVar = number;
    return true;
  }

  /** Returns the position among the vars read so far of var {@code number}, or -1. */
  private int positionOf(int number) {
    return Documents.positionOf(varNumbers, varCount, number);
  }

  /**
   * Returns the reference these characters are if they are {@code "$"} and the name of a var read
   * before the current one, as {@link #string} would; else null, for {@link #string} to tell.
   */
  private AiJsonRef earlierReference(char[] chars, int offset, int length) {
    int digits = length - 4;
    if (digits > 9 || chars[offset + 1] != 'v' || chars[offset + 2] != 'a' || chars[offset + 3] != 'r'
        || chars[offset + 4] == '0' && digits > 1) {
      return null;
    }
    int number = 0;
    for (int i = offset + 4; i < offset + length; i++) {
      char c = chars[i];
      if (c < '0' || c > '9') {
        return null;
      }
      number = number * 10 + (c - '0');
    }
    int position = number < currentVar ? positionOf(number) : -1;
    return position >= 0 ? varRefs[position] : null;
  }

  /** Returns whether {@code text} is {@code "$"} and a var name, a reference. */
  private static boolean isReference(String text) {
    return text.startsWith("$") && Documents.isVarName(text, 1);
  }

  /**
   * Returns the value of a JSON string of these characters, at most {@link
   * AiJsonLimits#maxStringChars} of them: a reference, the string, or the string without its
   * first {@code $} if it starts with two; {@link #NOT_A_REFERENCE} if it starts with one {@code
   * $} and is not a reference, a problem that needs the string's pointer.
   */
  private Object text(char[] chars, int offset, int length) {
    if (length > 4 && chars[offset] == '$') {
      // most references name a var read before: no string is made for them
      AiJsonRef earlier = earlierReference(chars, offset, length);
      if (earlier != null) {
        return earlier;
      }
    }
    // a document repeats its packages, classes, keys, types and references: each is one
    // string, made once, whose hash later lookups compute once
    String text = texts.of(chars, offset, length);
    return text.startsWith("$") ? dollar(text) : text;
  }

  private static final Object NOT_A_REFERENCE = new Object();

  /** Returns the value of a string that starts with {@code $}, or {@link #NOT_A_REFERENCE}. */
  private Object dollar(String text) {
    if (text.startsWith("$$")) {
      return text.substring(1);
    }
    if (isReference(text)) {
      int number = Documents.digits(text, 4);
      // a reference inside the current var may name only a var read before it
      int position = number < currentVar ? positionOf(number) : -1;
      if (position >= 0) {
        return varRefs[position];
      }
      backward = false; // dangling, forward or outside the vars: reported by name later
      return refs.computeIfAbsent(text.substring(1), AiJsonRef::new);
    }
    return NOT_A_REFERENCE;
  }

  /** Returns a whole number of up to 64 bits as a document holds it. */
  private Object integer(long number) {
    return number >= -128 && number <= 127 ? number : shared(number); // small ones are shared by Long
  }

  /** Returns a number with a fraction or an exponent as a document holds it. */
  private Object decimal(BigDecimal number) {
    return shared(Values.copy(number));
  }

  /** Notes the problem of {@code text} at {@code pointer}, a string that starts with $ and is no reference. */
  private Object notAReference(String text, String pointer) {
    problems.add(
        new Problem(
            pointer,
            "\"" + Abbreviation.of(text) + "\"" + (pointer.isEmpty() ? "" : " at " + pointer)
                + " starts with $ but is not a reference such as"
                + " \"$var3\". Write a string that starts with $ as \"$" + Abbreviation.of(text)
                + "\"."));
    return text;
  }

  // ---- the reader's own parser ----

  /**
   * What {@link #ownRoot} returns when its parser leaves the text to Jackson's: not a value any
   * text reads as.
   */
  private static final Object UNREAD = new Object();

  /**
   * Thrown inside the own parser at anything it leaves to Jackson's: a syntax error, a limit
   * reached, a member named twice, a string that starts with {@code $} and is no reference, an
   * escape in a member's name, a long number or name. Jackson's parser then reads
   * the text again from its start, with a new reader, and reports the problem as it always has:
   * a bad document is refused with the same message and pointer either way.
   */
  private static final class Unusual extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unusual INSTANCE = new Unusual();

    private Unusual() {
      super("left to Jackson's parser", null, false, false);
    }
  }

  // the own parser nests as deep as the limits allow (AiJsonLimits.MAX_DEPTH_CEILING at most,
  // which its recursion does on a small stack), and reads no longer numbers than this: what
  // Jackson's number rules (its 1,000-digit limit, exponents past an int) say about longer ones
  // is Jackson's to say
  private static final int OWN_MAX_NUMBER = 64;
  /** The text of the last number with a fraction or an exponent the own parser read, and its value. */
  private final char[] lastDecimalText = new char[OWN_MAX_NUMBER];
  private int lastDecimalLength = -1;
  private Object lastDecimal;

  // the text the own parser reads, the position of its next character, and a buffer for the
  // characters of strings with escapes
  private char[] chars;
  private int at;
  private char[] unescapedChars = new char[64];

  /**
   * Returns the one JSON value of {@code json} read by the reader's own parser, or {@link
   * #UNREAD} if it leaves the text to Jackson's (this reader is then spent: the read is done
   * again by a new one).
   *
   * <p>The own parser reads strict JSON, as Jackson's does by default, from one copy of the
   * text's characters, and builds the document's values as {@link #value} does. It makes no
   * string for a member name that a table of this read already holds, where Jackson's makes each
   * name or looks it up in a table of every distinct one, which a document of many vars fills
   * (the 10,000-var benchmark document took 17.6 to 17.7 ms a read, 22.5 to 22.8 with Jackson's
   * parser, outside JMH). Anything it does not read itself, and every
   * problem, it leaves to Jackson's parser, which reads a bad document from its start and reports
   * the problem as it always has: a document is refused with the same message, position and
   * pointer whichever parser met its problem first.
   */
  private Object ownRoot(String json) {
    if (json.length() > SEAMLESS_TO_CHARS) {
      return UNREAD; // the copy's memory is not spent
    }
    chars = json.toCharArray();
    at = 0;
    try {
      Object root = own(0, null);
      for (int i = at; i < chars.length; i++) {
        if (!space(chars[i])) {
          return UNREAD; // content after the end
        }
      }
      return root;
    } catch (Unusual unusual) {
      return UNREAD;
    } finally {
      chars = null;
    }
  }

  private static boolean space(char c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
  }

  /** Returns the next character other than JSON whitespace, at {@link #at}; leaves the end to Jackson. */
  private char next() {
    char[] text = chars;
    for (int i = at; i < text.length; i++) {
      char c = text[i];
      if (c > ' ') {
        at = i;
        return c;
      }
      if (!space(c)) {
        throw Unusual.INSTANCE;
      }
    }
    throw Unusual.INSTANCE;
  }

  /** Reads the value at {@link #at}, at {@code depth}, the value of the member {@code member} if it is one. */
  private Object own(int depth, String member) {
    char c = next();
    switch (c) {
      case '{' -> {
        return ownObject(depth, depth == 1 && "vars".equals(member));
      }
      case '[' -> {
        return ownArray(depth);
      }
      case '"' -> {
        at++;
        return ownString();
      }
      case 't' -> {
        return word("true", Boolean.TRUE);
      }
      case 'f' -> {
        return word("false", Boolean.FALSE);
      }
      case 'n' -> {
        return word("null", null);
      }
      default -> {
        return ownNumber();
      }
    }
  }

  private Object ownObject(int depth, boolean vars) {
    if (depth >= limits.maxDepth()) {
      throw Unusual.INSTANCE;
    }
    at++;
    List<String> names = scratch(nameBuffers, depth);
    List<Object> values = scratch(valueBuffers, depth);
    Set<String> seen = null;
    boolean ordered = vars;
    char c = next();
    if (c == '}') {
      at++;
      return object(names, values, vars);
    }
    while (true) {
      if (c != '"') {
        throw Unusual.INSTANCE;
      }
      at++;
      String name = ownName(vars);
      ordered = vars && enterVar(name) && ordered;
      if (!ordered) {
        if (repeated(names, seen, name)) {
          throw Unusual.INSTANCE;
        }
        seen = seen(names, seen, name);
      }
      if (next() != ':') {
        throw Unusual.INSTANCE;
      }
      at++;
      names.add(name);
      values.add(own(depth + 1, name));
      c = next();
      at++;
      if (c == '}') {
        return object(names, values, vars);
      }
      if (c != ',') {
        throw Unusual.INSTANCE;
      }
      c = next();
    }
  }

  private Object ownArray(int depth) {
    if (depth >= limits.maxDepth()) {
      throw Unusual.INSTANCE;
    }
    at++;
    List<Object> elements = scratch(valueBuffers, depth);
    if (next() == ']') {
      at++;
      return array(elements, depth);
    }
    while (true) {
      elements.add(own(depth + 1, null));
      char c = next();
      at++;
      if (c == ']') {
        return array(elements, depth);
      }
      if (c != ',') {
        throw Unusual.INSTANCE;
      }
    }
  }

  /**
   * Reads a member's name after its opening quote: a var's name made anew (each is distinct), a
   * field's the one string of the read's texts (or of its field names, if long).
   */
  private String ownName(boolean vars) {
    char[] text = chars;
    int start = at;
    int end = start;
    while (true) {
      if (end == text.length) {
        throw Unusual.INSTANCE;
      }
      char c = text[end];
      if (c == '"') {
        break;
      }
      if (c == '\\' || c < ' ') {
        throw Unusual.INSTANCE;
      }
      end++;
    }
    int length = end - start;
    if (length > KEPT_NAME_CHARS || length > limits.maxStringChars()) {
      throw Unusual.INSTANCE;
    }
    at = end + 1;
    if (vars) {
      return new String(text, start, length);
    }
    return length > Texts.MAX_LENGTH
        ? fieldName(new String(text, start, length))
        : texts.of(text, start, length);
  }

  /** Reads a string value after its opening quote. */
  private Object ownString() {
    char[] text = chars;
    int start = at;
    for (int end = start; end < text.length; end++) {
      char c = text[end];
      if (c == '"') {
        int length = end - start;
        if (length > limits.maxStringChars()) {
          throw Unusual.INSTANCE;
        }
        at = end + 1;
        return checked(text(text, start, length));
      }
      if (c == '\\') {
        return unescaped(start, end);
      }
      if (c < ' ') {
        throw Unusual.INSTANCE;
      }
    }
    throw Unusual.INSTANCE;
  }

  /** Reads a string value with escapes, whose first one is at {@code escape}. */
  private Object unescaped(int start, int escape) {
    char[] text = chars;
    char[] out = unescapedChars;
    int length = escape - start;
    if (out.length < length) {
      out = Arrays.copyOf(out, length * 2);
    }
    System.arraycopy(text, start, out, 0, length);
    int i = escape;
    while (true) {
      if (i == text.length) {
        throw Unusual.INSTANCE;
      }
      char c = text[i++];
      if (c == '"') {
        break;
      }
      if (c < ' ') {
        throw Unusual.INSTANCE;
      }
      if (c == '\\') {
        if (i == text.length) {
          throw Unusual.INSTANCE;
        }
        char escaped = text[i++];
        c = switch (escaped) {
          case '"', '\\', '/' -> escaped;
          case 'b' -> '\b';
          case 'f' -> '\f';
          case 'n' -> '\n';
          case 'r' -> '\r';
          case 't' -> '\t';
          case 'u' -> {
            if (text.length - i < 4) {
              throw Unusual.INSTANCE;
            }
            int code = hexDigit(text[i]) << 12 | hexDigit(text[i + 1]) << 8
                | hexDigit(text[i + 2]) << 4 | hexDigit(text[i + 3]);
            i += 4;
            yield (char) code;
          }
          default -> throw Unusual.INSTANCE;
        };
      }
      if (length >= limits.maxStringChars()) {
        throw Unusual.INSTANCE;
      }
      if (length == out.length) {
        out = Arrays.copyOf(out, (int) Math.min(2L * length, Integer.MAX_VALUE - 8));
      }
      out[length++] = c;
    }
    unescapedChars = out.length > 1 << 16 ? new char[64] : out; // a long string's buffer is not kept
    at = i;
    return checked(text(out, 0, length));
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw Unusual.INSTANCE;
  }

  /** Returns {@code value}, leaving a string that starts with $ and is no reference to Jackson's parser. */
  private static Object checked(Object value) {
    if (value == NOT_A_REFERENCE) {
      throw Unusual.INSTANCE; // its problem names its pointer, which Jackson's parser tracks
    }
    return value;
  }

  /** Reads {@code word} ({@code true}, {@code false} or {@code null}) at {@link #at}. */
  private Object word(String word, Object value) {
    char[] text = chars;
    int length = word.length();
    if (text.length - at < length) {
      throw Unusual.INSTANCE;
    }
    for (int i = 0; i < length; i++) {
      if (text[at + i] != word.charAt(i)) {
        throw Unusual.INSTANCE;
      }
    }
    at += length;
    return value; // a letter right after the word is not a comma or a bracket: Unusual next
  }

  /**
   * Reads a JSON number at {@link #at}: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?},
   * held as {@link #value} holds the same number.
   */
  private Object ownNumber() {
    char[] text = chars;
    int start = at;
    int i = start;
    if (i < text.length && text[i] == '-') {
      i++;
    }
    if (i == text.length || !digit(text[i])) {
      throw Unusual.INSTANCE;
    }
    if (text[i++] != '0') {
      i = digits(text, i);
    }
    boolean whole = true;
    if (i < text.length && text[i] == '.') {
      whole = false;
      int fraction = ++i;
      i = digits(text, i);
      if (i == fraction) {
        throw Unusual.INSTANCE;
      }
    }
    if (i < text.length && (text[i] == 'e' || text[i] == 'E')) {
      whole = false;
      i++;
      if (i < text.length && (text[i] == '+' || text[i] == '-')) {
        i++;
      }
      int exponent = i;
      i = digits(text, i);
      if (i == exponent) {
        throw Unusual.INSTANCE;
      }
    }
    int length = i - start;
    if (length > OWN_MAX_NUMBER) {
      throw Unusual.INSTANCE;
    }
    at = i;
    if (!whole) {
      // a hyperparameter such as 0.1 repeats in var after var: the last one is kept by its text
      if (length == lastDecimalLength && Arrays.equals(text, start, i, lastDecimalText, 0, length)) {
        return lastDecimal;
      }
      try {
        lastDecimal = decimal(new BigDecimal(text, start, length));
      } catch (NumberFormatException e) {
        throw Unusual.INSTANCE; // an exponent past an int
      }
      System.arraycopy(text, start, lastDecimalText, 0, length);
      lastDecimalLength = length;
      return lastDecimal;
    }
    if (length <= 18) {
      boolean negative = text[start] == '-';
      long number = 0;
      for (int d = negative ? start + 1 : start; d < i; d++) {
        number = number * 10 + (text[d] - '0');
      }
      return integer(negative ? -number : number);
    }
    java.math.BigInteger number = new java.math.BigInteger(new String(text, start, length));
    return number.bitLength() < Long.SIZE ? integer(number.longValue()) : shared(number);
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Returns the position of the first character at or after {@code i} that is not a digit. */
  private static int digits(char[] text, int i) {
    while (i < text.length && digit(text[i])) {
      i++;
    }
    return i;
  }

  private AiJsonDocument interpret(Object root) {
    if (!(root instanceof Map<?, ?> map)) {
      throw new AiJsonException(
          "",
          "The aijson document must be a JSON object, not " + describe(root)
              + ". Pass a document such as {\"aijson\": 1, \"vars\": {}}.");
    }
    for (Object field : map.keySet()) {
      if (!ROOT_FIELDS.contains(field)) {
        problems.add(
            new Problem(
                AiJsonException.pointer(field),
                "Unknown top-level field \"" + Abbreviation.of(String.valueOf(field)) + "\". A"
                    + " document has only aijson, vars, cut and environment; remove it at "
                    + Abbreviation.of(AiJsonException.pointer(field)) + "."));
      }
    }
    Object format = map.get("aijson");
    if (!map.containsKey("aijson")) {
      problems.add(
          new Problem(
              "",
              "The document has no format version. Add \"aijson\": " + AiJsonDocument.FORMAT
                  + " as its first field."));
    } else if (!Long.valueOf(AiJsonDocument.FORMAT).equals(format)) {
      problems.add(
          new Problem(
              "/aijson",
              "Unknown format version " + describe(format) + " at /aijson; this version of aijson"
                  + " reads format " + AiJsonDocument.FORMAT + ". Use a matching aijson release"
                  + " or re-export the document."));
    }
    long cap = 0;
    long bytes = 0;
    long dropped = 0;
    if (map.get("cut") instanceof Map<?, ?> cut) {
      cap = longField(cut, "cap", "/cut");
      // present only when the byte budget, not the var cap, stopped the recording
      bytes = cut.containsKey("bytes") ? longField(cut, "bytes", "/cut") : 0;
      dropped = longField(cut, "dropped", "/cut");
    } else if (map.containsKey("cut")) {
      problems.add(new Problem("/cut", "\"cut\" must be an object {\"cap\": N, \"dropped\": M}, not "
          + describe(map.get("cut")) + ". Fix it at /cut, or remove it if nothing was dropped."));
    }
    Map<String, Object> environment = Map.of();
    if (map.get("environment") instanceof Map<?, ?> env) {
      environment = castObject(env);
    } else if (map.containsKey("environment")) {
      problems.add(new Problem("/environment", "\"environment\" must be a JSON object, not "
          + describe(map.get("environment")) + ". Fix it at /environment, or remove it."));
    }
    List<AiJsonVar> vars = new ArrayList<>();
    Object rawVars = map.get("vars");
    if (rawVars instanceof Map<?, ?> varMap) {
      vars = vars(varMap);
    } else {
      problems.add(
          new Problem(
              "/vars",
              (rawVars == null ? "The document has no \"vars\"" : "\"vars\" is " + describe(rawVars))
                  + "; it must be a JSON object of vars such as {\"var0\": {...}}. "
                  + (rawVars == null ? "Add it at /vars." : "Fix it at /vars.")));
    }
    if (problems.isEmpty() && !backward) {
      Documents.referenceProblems(vars, problems);
    }
    if (!problems.isEmpty()) {
      throw problems.toException();
    }
    // the names were read in increasing order as the vars were: n of them, the last var<n-1>,
    // are var0 to var<n-1>, each at its place
    boolean numbered = varCount == vars.size()
        && (varCount == 0 || varNumbers[varCount - 1] == varCount - 1);
    return Documents.trusted(vars, (int) Math.min(cap, Integer.MAX_VALUE), bytes, dropped,
        environment, numbered);
  }

  private long longField(Map<?, ?> object, String field, String pointer) {
    if (object.get(field) instanceof Long value && value >= 0) {
      return value;
    }
    problems.add(
        new Problem(
            pointer + "/" + field,
            "\"" + field + "\" in " + pointer.substring(1) + " must be a whole number from 0 to "
                + Long.MAX_VALUE + ", not " + describe(object.get(field)) + ". Fix it at "
                + pointer + "/" + field + "."));
    return 0;
  }

  private List<AiJsonVar> vars(Map<?, ?> varMap) {
    if (varMap.size() > limits.maxVars()) {
      throw new AiJsonException(
          "/vars",
          "The document has " + varMap.size() + " vars at /vars, more than the limit of "
              + limits.maxVars()
              + ". Raise AiJsonLimits.maxVars if the document is trusted.");
    }
    List<AiJsonVar> vars = new ArrayList<>(varMap.size());
    int previous = -1;
    // a document map is read by position, without an entry made for each var
    Values.DocumentMap read = varMap instanceof Values.DocumentMap map ? map : null;
    java.util.Iterator<? extends Map.Entry<?, ?>> entries = read == null ? varMap.entrySet().iterator() : null;
    for (int i = 0, size = varMap.size(); i < size; i++) {
      Map.Entry<?, ?> entry = read == null ? entries.next() : null;
      String name = (String) (read == null ? entry.getKey() : read.keyAt(i));
      Object value = read == null ? entry.getValue() : read.valueAt(i);
      if (!AiJsonRef.isVarName(name)) {
        problems.add(
            new Problem(
                AiJsonException.pointer("vars", name),
                "\"" + Abbreviation.of(name) + "\" is not a var name. Name vars var0, var1, var2"
                    + " and so on; rename it at "
                    + Abbreviation.of(AiJsonException.pointer("vars", name)) + "."));
        continue;
      }
      int number = Documents.digits(name, 3);
      if (number <= previous) {
        problems.add(
            new Problem(
                pointer(name),
                name + " comes after var" + previous + "; vars must appear in increasing order."
                    + " Move or renumber it at " + pointer(name) + "."));
      }
      previous = Math.max(previous, number);
      AiJsonVar var = var(name, value);
      if (var != null) {
        vars.add(var);
      }
    }
    return vars;
  }

  /**
   * Returns the pointer of var {@code name}, a var name (which needs no escaping): made only for
   * a problem, not for each var read.
   */
  private static String pointer(String name) {
    return "/vars/" + name;
  }

  /** Puts a field of var {@code name} in its slot, or reports it as unknown. */
  private void place(VarFields fields, Object field, Object value, String name) {
    int slot = VarFields.slot(field);
    if (slot >= 0) {
      fields.values[slot] = value;
      return;
    }
    problems.add(
        new Problem(
            pointer(name) + AiJsonException.pointer(field),
            name + " has an unknown field \"" + Abbreviation.of(String.valueOf(field)) + "\". A var"
                + " has only kind, module, caller, key, scope, receiver, signature, kwargs, members"
                + " and factory; remove it at "
                + Abbreviation.of(pointer(name) + AiJsonException.pointer(field)) + "."));
  }

  private AiJsonVar var(String name, Object raw) {
    if (!(raw instanceof Map<?, ?> object)) {
      problems.add(
          new Problem(pointer(name), name + " is " + describe(raw) + "; a var must be a JSON object."
              + " Fix it at " + pointer(name) + "."));
      return null;
    }
    long before = problems.count();
    // each field found once, by a switch, for the many lookups below; the slots are the reader's,
    // emptied for each var (nothing made from a var keeps them)
    VarFields map = varFields;
    map.clear();
    if (object instanceof Values.DocumentMap read) {
      for (int i = 0; i < read.size(); i++) {
        place(map, read.keyAt(i), read.valueAt(i), name);
      }
    } else {
      object.forEach((field, value) -> place(map, field, value, name));
    }
    AiJsonVar.Kind kind = kind(name, map.get("kind"));
    String module = requiredString(name, map, "module");
    String caller = requiredString(name, map, "caller");
    if (module != null && validModules.containsKey(module)) {
      module = validModules.get(module);
    } else if (module != null && PACKAGE.matcher(module).matches()) {
      validModules.put(module, module);
    } else if (module != null) {
      problems.add(
          new Problem(
              pointer(name) + "/module",
              name + ": module \"" + Abbreviation.of(module) + "\" is not a Java package name."
                  + " Write the package of the class, such as \"com.acme.models\", at "
                  + pointer(name) + "/module."));
    }
    if (caller != null && validCallers.containsKey(caller)) {
      caller = validCallers.get(caller);
    } else if (caller != null && CALLER.matcher(caller).matches()) {
      validCallers.put(caller, caller);
    } else if (caller != null) {
      problems.add(
          new Problem(
              pointer(name) + "/caller",
              name + ": caller \"" + Abbreviation.of(caller) + "\" is not a class name"
                  + " (Outer$Inner) with an optional #method. Write the class as named inside its"
                  + " package at " + pointer(name) + "/caller."));
    }
    String key = optionalString(name, map, "key");
    Object scope = map.get("scope");
    if (map.containsKey("scope") && !"singleton".equals(scope)) {
      problems.add(
          new Problem(
              pointer(name) + "/scope",
              name + ": scope " + describe(scope) + " is unknown. Write \"singleton\" at "
                  + pointer(name) + "/scope, or leave scope out for an unscoped key."));
    }
    AiJsonRef receiver = null;
    boolean call = kind == AiJsonVar.Kind.CALL;
    // a provides var's receiver is its module var; that it is one, replay checks
    if (call || kind == AiJsonVar.Kind.PROVIDES && map.containsKey("receiver")) {
      if (map.get("receiver") instanceof AiJsonRef ref) {
        receiver = ref;
      } else {
        problems.add(
            new Problem(
                pointer(name) + "/receiver",
                call
                    ? name + " is a call, so it needs \"receiver\": a reference such as \"$var3\""
                        + " to the object whose method was called, not "
                        + describe(map.get("receiver")) + ". Write it at " + pointer(name)
                        + "/receiver."
                    : name + ": a provides var's receiver is a reference such as \"$var0\" to the"
                        + " module var whose method made it, not " + describe(map.get("receiver"))
                        + ". Fix it at " + pointer(name) + "/receiver, or remove it for a module"
                        + " without fields."));
      }
    } else if (map.containsKey("receiver")) {
      problems.add(
          new Problem(
              pointer(name) + "/receiver",
              name + " is neither a call nor a provides var, so it cannot have a receiver."
                  + " Remove it at " + pointer(name) + "/receiver."));
    }
    if (kind != null && caller != null) {
      boolean method = caller.contains("#");
      boolean wantsMethod = kind == AiJsonVar.Kind.PROVIDES || kind == AiJsonVar.Kind.CALL;
      if (method != wantsMethod) {
        problems.add(
            new Problem(
                pointer(name) + "/caller",
                name + ": a " + kind.jsonName() + " var's caller "
                    + (wantsMethod ? "must name its method, as Class#method" : "names a class, without #method")
                    + "; \"" + Abbreviation.of(caller) + "\" does not. Fix the caller at "
                    + pointer(name) + "/caller."));
      }
    }
    List<String> signature = List.of();
    Map<String, Object> kwargs = Map.of();
    if (kind != null && !kind.hasArguments()) {
      String what = kind == AiJsonVar.Kind.OPAQUE ? "is opaque (supplied by serving code)"
          : kind == AiJsonVar.Kind.UNOBSERVED ? "is unobserved (its value was not seen)"
          : kind == AiJsonVar.Kind.MODULE ? "is a module (its fields are its members)"
          : "is a factory (its objects are vars of their own)";
      List<String> forbiddenFields = kind == AiJsonVar.Kind.MODULE
          ? List.of("signature", "kwargs") : List.of("signature", "kwargs", "members");
      for (String forbidden : forbiddenFields) {
        if (map.containsKey(forbidden)) {
          problems.add(
              new Problem(
                  pointer(name) + "/" + forbidden,
                  name + " " + what + ", so it has no " + forbidden + ". Remove it at "
                      + pointer(name) + "/" + forbidden + "."));
        }
      }
      if (kind == AiJsonVar.Kind.FACTORY && key == null && !map.containsKey("key")) {
        problems.add(new Problem(pointer(name), name + ": a factory var needs the key it is bound to,"
            + " such as \"com.acme.EncoderFactory\". Add \"key\" at " + pointer(name) + "."));
      }
    } else if (kind != null) {
      signature = signature(name, map.get("signature"));
      kwargs = object(name, map.get("kwargs"), "kwargs");
      if (signature != null && kwargs != null && signature.size() != kwargs.size()) {
        problems.add(
            new Problem(
                pointer(name) + "/kwargs",
                name + " has " + kwargs.size() + " kwargs but its signature has "
                    + signature.size() + " parameters; every parameter needs exactly one kwarg."
                    + " Add the missing arguments at " + pointer(name) + "/kwargs or fix the"
                    + " signature."));
      }
    }
    Map<String, Object> members = Map.of();
    if (map.containsKey("members")
        && (kind == null || kind.hasArguments() || kind == AiJsonVar.Kind.MODULE)) {
      members = object(name, map.get("members"), "members");
      if (kind != AiJsonVar.Kind.CONSTRUCTOR && kind != AiJsonVar.Kind.MODULE && members != null
          && !members.isEmpty()) {
        problems.add(
            new Problem(
                pointer(name) + "/members",
                name + ": only constructor vars (injected members) and module vars (fields) have"
                    + " members. Remove \"members\" at " + pointer(name) + "/members."));
      }
    }
    if (kind == AiJsonVar.Kind.MODULE) {
      for (String own : List.of("key", "scope")) {
        if (map.containsKey(own)) {
          problems.add(new Problem(pointer(name) + "/" + own, name + " is a module var, which is not"
              + " bound to a key: it stands for the module instance whose @Provides methods"
              + " other vars name as their receiver. Remove \"" + own + "\" at " + pointer(name)
              + "/" + own + "."));
        }
      }
    }
    if (kind == AiJsonVar.Kind.MULTIBINDING && problems.count() == before) {
      checkMultibinding(name, module, caller, key, kwargs);
    }
    AiJsonVar.Factory factory = null;
    if (map.containsKey("factory")) {
      factory = factory(name, kind, map, kwargs);
    }
    if (problems.count() > before) {
      return null;
    }
    return new AiJsonVar(
        name, kind, module, caller, key, scope != null, receiver, signature, kwargs, members, factory);
  }

  /**
   * Reads the {@code factory} field of a var an assisted-inject factory made: the factory's key,
   * the method's name and the kwargs that were its arguments. Only a constructor var has one, and
   * it has no key or scope of its own (Guice binds it under an internal key, unscoped).
   */
  private AiJsonVar.Factory factory(
      String name, AiJsonVar.Kind kind, Map<?, ?> map, Map<String, Object> kwargs) {
    String at = pointer(name) + "/factory";
    if (kind != null && kind != AiJsonVar.Kind.CONSTRUCTOR) {
      problems.add(new Problem(at, name + " is a " + kind.jsonName() + " var, but only a"
          + " constructor var is made by a factory. Remove \"factory\" at " + at + ", or fix the"
          + " kind."));
      return null;
    }
    for (String own : List.of("key", "scope")) {
      if (map.containsKey(own)) {
        problems.add(new Problem(pointer(name) + "/" + own, name + " was made by a factory, so it has no "
            + own + " of its own: Guice binds what a factory makes under an internal key, unscoped."
            + " Remove \"" + own + "\" at " + pointer(name) + "/" + own + "; the factory's key is"
            + " factory.key."));
      }
    }
    if (!(map.get("factory") instanceof Map<?, ?> factory)) {
      problems.add(new Problem(at, name + ": \"factory\" is " + describe(map.get("factory"))
          + ", not an object {\"key\": ..., \"method\": ..., \"assisted\": [...]}. Write the"
          + " factory's key, the method's name and the assisted kwargs at " + at + "."));
      return null;
    }
    long before = problems.count();
    for (Object field : factory.keySet()) {
      if (!FACTORY_FIELDS.contains(field)) {
        problems.add(new Problem(at + AiJsonException.pointer(field), name + ": \"factory\" has an"
            + " unknown field \"" + Abbreviation.of(String.valueOf(field)) + "\"; it has only key,"
            + " method and assisted. Remove it at "
            + Abbreviation.of(at + AiJsonException.pointer(field)) + "."));
      }
    }
    String key = factory.get("key") instanceof String text && !text.isEmpty() ? text : null;
    if (key == null) {
      problems.add(new Problem(at + "/key", name + ": factory.key is " + describe(factory.get("key"))
          + ", not the key of the factory, such as \"com.acme.EncoderFactory\". Write the key as"
          + " a string at " + at + "/key."));
    }
    String method = factory.get("method") instanceof String text && IDENTIFIER.matcher(text).matches()
        ? text : null;
    if (method == null) {
      problems.add(new Problem(at + "/method", name + ": factory.method is "
          + describe(factory.get("method")) + ", not the name of a factory method, such as"
          + " \"create\". Write the method's name at " + at + "/method."));
    }
    List<String> assisted = new ArrayList<>();
    if (factory.get("assisted") instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object entry = list.get(i);
        if (!(entry instanceof String kwarg) || kwargs != null && !kwargs.containsKey(kwarg)) {
          problems.add(new Problem(at + "/assisted/" + i, name + ": factory.assisted/" + i + " is "
              + describe(entry) + ", which names no kwarg of " + name + (kwargs == null ? ""
                  : " (" + String.join(", ", kwargs.keySet()) + ")") + "; assisted lists the"
              + " kwargs that were the factory method's arguments. Name one of its kwargs at "
              + at + "/assisted/" + i + "."));
        } else if (assisted.contains(kwarg)) {
          problems.add(new Problem(at + "/assisted/" + i, name + ": factory.assisted names kwarg \""
              + kwarg + "\" twice; each argument of the factory method is one kwarg. Remove the"
              + " second at " + at + "/assisted/" + i + "."));
        } else {
          assisted.add(kwarg);
        }
      }
    } else {
      problems.add(new Problem(at + "/assisted", name + ": factory.assisted is "
          + describe(factory.get("assisted")) + ", not the array of the kwargs that were the"
          + " factory method's arguments, such as [\"layers\", \"dropout\"]. Write an array at "
          + at + "/assisted."));
    }
    return problems.count() > before ? null : new AiJsonVar.Factory(key, method, assisted);
  }

  /**
   * Checks what a multibinding var must say: which binder made it, the key it binds, and the
   * kwargs of that binder, the map's keys and values in step.
   */
  private void checkMultibinding(
      String name, String module, String caller, String key, Map<String, Object> kwargs) {
    List<String> expected = MULTIBINDING_KWARGS.get(caller);
    if (!MULTIBINDINGS.equals(module) || expected == null) {
      problems.add(new Problem(pointer(name) + "/caller", name + ": a multibinding var is made by "
          + MULTIBINDINGS + ".Multibinder, MapBinder or OptionalBinder, not " + module + "."
          + caller + ". Fix \"module\" and \"caller\" at " + pointer(name) + "."));
      return;
    }
    if (key == null) {
      problems.add(new Problem(pointer(name), name + ": a multibinding var needs the key of the"
          + " collection it binds, such as \"java.util.Set<com.acme.Feature>\". Add \"key\" at "
          + pointer(name) + "."));
    }
    if (!List.copyOf(kwargs.keySet()).equals(expected)) {
      problems.add(new Problem(pointer(name) + "/kwargs", name + ": the kwargs of a " + caller + " var are "
          + expected + ", not " + List.copyOf(kwargs.keySet()) + ". Fix them at " + pointer(name)
          + "/kwargs."));
      return;
    }
    for (String list : caller.equals("OptionalBinder") ? List.<String>of() : expected) {
      if (!(kwargs.get(list) instanceof List)) {
        problems.add(new Problem(pointer(name) + AiJsonException.pointer("kwargs", list), name + ": kwarg \""
            + list + "\" of a " + caller + " var is a list of its " + list + ", not "
            + describe(kwargs.get(list)) + ". Write a JSON array at " + pointer(name)
            + "/kwargs/" + list + "."));
      }
    }
    if (caller.equals("MapBinder") && kwargs.get("keys") instanceof List<?> keys
        && kwargs.get("values") instanceof List<?> values && keys.size() != values.size()) {
      problems.add(new Problem(pointer(name) + "/kwargs/values", name + " has " + keys.size() + " keys but "
          + values.size() + " values; a map's keys and values go in step. Give each key its value"
          + " at " + pointer(name) + "/kwargs/values."));
    }
  }

  /** Reads a var's kind. */
  private AiJsonVar.Kind kind(String name, Object raw) {
    if (raw instanceof String text) {
      for (AiJsonVar.Kind kind : KINDS) {
        if (kind.jsonName().equals(text)) {
          return kind;
        }
      }
    }
    problems.add(
        new Problem(
            pointer(name) + "/kind",
            name + ": kind " + describe(raw) + " is unknown. Write one of " + KIND_NAMES + " at "
                + pointer(name) + "/kind."));
    return null;
  }

  private String requiredString(String name, Map<?, ?> map, String field) {
    // the default package is the one place an empty name is right
    if (map.get(field) instanceof String text && (!text.isEmpty() || field.equals("module"))) {
      return text;
    }
    problems.add(
        new Problem(
            pointer(name) + "/" + field,
            name + " needs \"" + field + "\" as a string, not " + describe(map.get(field))
                + ". Write it at " + pointer(name) + "/" + field + "."));
    return null;
  }

  private String optionalString(String name, Map<?, ?> map, String field) {
    if (!map.containsKey(field)) {
      return null;
    }
    return requiredString(name, map, field);
  }

  private List<String> signature(String name, Object raw) {
    if (raw instanceof List<?> list) {
      // the read shares an array of strings equal to one before: found by its identity first
      List<String> known = signaturesRead.get(list);
      if (known != null) {
        return known;
      }
      // a signature equal to one read before was checked then: its list is shared, not copied
      known = signatures.get(list);
      if (known != null) {
        rememberSignature(list, known);
        return known;
      }
      List<String> types = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        if (list.get(i) instanceof String type && !type.isEmpty()) {
          types.add(type);
        } else {
          problems.add(
              new Problem(
                  pointer(name) + "/signature/" + i,
                  name + ": signature entries are Java type names such as \"int\" or"
                      + " \"java.util.List<java.lang.String>\", not " + describe(list.get(i))
                      + ". Fix the entry at " + pointer(name) + "/signature/" + i + "."));
        }
      }
      if (types.size() != list.size()) {
        return null; // refused: its kwargs are not counted against the entries that are good
      }
      List<String> shared = signatures.get(types);
      if (shared == null) {
        shared = List.copyOf(types);
        signatures.put(shared, shared);
      }
      rememberSignature(list, shared);
      return shared;
    }
    problems.add(
        new Problem(
            pointer(name) + "/signature",
            name + " needs \"signature\": the array of its parameter types, not " + describe(raw)
                + ". Write it at " + pointer(name) + "/signature."));
    return null;
  }

  /** Remembers that the array {@code raw} is the checked signature {@code signature}. */
  private void rememberSignature(Object raw, List<String> signature) {
    if (signaturesRead.size() < MAX_SIGNATURES_READ) {
      signaturesRead.put(raw, signature);
    }
  }

  private Map<String, Object> object(String name, Object raw, String field) {
    if (raw instanceof Map<?, ?> map) {
      return castObject(map);
    }
    problems.add(
        new Problem(
            pointer(name) + "/" + field,
            name + " needs \"" + field + "\" as a JSON object of arguments by name, not "
                + describe(raw) + ". Write it at " + pointer(name) + "/" + field + "."));
    return null;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castObject(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /**
   * One string per distinct short text of a document: the first occurrence is made, the others
   * found by their characters. Past {@link #MAX_SIZE} distinct texts, new ones are made and not
   * kept, so that a document of unique strings costs no more than without the table.
   */
  static final class Texts {
    // longer texts (qualified keys, say) are mostly distinct: looking them up costs more than it saves
    private static final int MAX_LENGTH = 64;
    private static final int MAX_SIZE = 1 << 14;
    private static final int SAMPLED = 16;
    private static final int MAX_PROBES = 8;
    private String[] strings = new String[1 << 8];
    private char[][] characters = new char[1 << 8][];
    private int[] hashes = new int[1 << 8];
    private int size;

    String of(char[] chars, int offset, int length) {
      if (length > MAX_LENGTH) {
        return new String(chars, offset, length);
      }
      int hash = sample(chars, offset, length);
      int mask = strings.length - 1;
      int slot = spread(hash) & mask;
      int probes = 0;
      for (String known = strings[slot]; known != null; known = strings[slot]) {
        char[] text = characters[slot];
        if (hashes[slot] == hash && text.length == length
            && Arrays.equals(text, 0, length, chars, offset, offset + length)) {
          return known;
        }
        if (++probes == MAX_PROBES) {
          // texts alike where the sample looks: made, not kept, so that no run of them costs a
          // probe per text kept before
          return new String(chars, offset, length);
        }
        slot = (slot + 1) & mask;
      }
      String text = new String(chars, offset, length);
      if (size < MAX_SIZE) {
        strings[slot] = text;
        characters[slot] = Arrays.copyOfRange(chars, offset, offset + length);
        hashes[slot] = hash;
        if (++size * 2 > strings.length) {
          grow();
        }
      }
      return text;
    }

    /**
     * Returns the hash a text is kept by: of all its characters up to {@link #SAMPLED}, else of
     * its length, its first four and its last twelve. Texts of one document that differ differ
     * mostly at the end ({@code ...model.Layer}, {@code ...model.Head}) or in length, and a
     * sample costs the same for any length where a full hash was 6% of reading a document;
     * texts that share a sample are told apart by their characters, and past
     * {@link #MAX_PROBES} of them are not kept.
     */
    static int sample(char[] chars, int offset, int length) {
      if (length <= SAMPLED) {
        return hash(chars, offset, length);
      }
      return 31 * (31 * length + hash(chars, offset, 4)) + hash(chars, offset + length - 12, 12);
    }

    /**
     * Returns what {@link String#hashCode} gives for these characters, four at a time: the four
     * products do not wait for one another, where one character at a time each step waits for
     * the last (JDK 17 does not vectorise this loop).
     */
    static int hash(char[] chars, int offset, int length) {
      int hash = 0;
      int i = offset;
      int end = offset + length;
      for (; i + 3 < end; i += 4) {
        hash = 923_521 * hash + 29_791 * chars[i] + 961 * chars[i + 1] + 31 * chars[i + 2] + chars[i + 3];
      }
      for (; i < end; i++) {
        hash = 31 * hash + chars[i];
      }
      return hash;
    }

    private static int spread(int hash) {
      return hash ^ (hash >>> 16);
    }

    private void grow() {
      String[] oldStrings = strings;
      char[][] oldCharacters = characters;
      int[] oldHashes = hashes;
      strings = new String[oldStrings.length * 2];
      characters = new char[strings.length][];
      hashes = new int[strings.length];
      int mask = strings.length - 1;
      for (int i = 0; i < oldStrings.length; i++) {
        if (oldStrings[i] != null) {
          int slot = spread(oldHashes[i]) & mask;
          while (strings[slot] != null) {
            slot = (slot + 1) & mask;
          }
          strings[slot] = oldStrings[i];
          characters[slot] = oldCharacters[i];
          hashes[slot] = oldHashes[i];
        }
      }
    }
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Map) {
      return "an object";
    }
    if (value instanceof List) {
      return "an array";
    }
    if (value instanceof String s) {
      return "the string \"" + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "\"";
    }
    if (value instanceof AiJsonRef ref) {
      return "the reference \"" + ref + "\"";
    }
    if (value instanceof Boolean) {
      return "the boolean " + value;
    }
    if (value instanceof BigDecimal || value instanceof Number) {
      return "the number " + value;
    }
    return value.toString();
  }
}
