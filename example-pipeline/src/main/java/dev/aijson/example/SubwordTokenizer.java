package dev.aijson.example;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;

/**
 * A byte-pair-encoding tokenizer that learns its subword vocabulary from a corpus when it is
 * constructed.
 *
 * <p>Text is lower-cased and split into words (runs of letters, digits and apostrophes) and single
 * punctuation marks. Each word starts as its characters, the last one marked with {@value #END}.
 * Learning then merges, again and again, the adjacent pair of symbols that occurs most often in
 * the corpus, until the vocabulary (the starting symbols plus one symbol per merge) reaches {@code
 * vocabSize} or no pair occurs twice. Ties go to the pair that sorts first (left symbol, then
 * right symbol), so the same corpus and size always give the same vocabulary.
 *
 * <p>Tokenizing a word applies the learned merges in the order they were learned. A character the
 * corpus never had stays a token of its own.
 *
 * <pre>{@code
 * SubwordTokenizer tokenizer = new SubwordTokenizer("reviews/train.tsv", 1000);
 * tokenizer.tokenize("Noise cancelling headphones!");
 * // [no, i, se</w>, c, anc, el, ling</w>, headphones</w>, !</w>]
 * }</pre>
 */
@Singleton
public final class SubwordTokenizer implements Tokenizer {
  /** The marker on the last symbol of a word, so that word ends are part of the vocabulary. */
  public static final String END = "</w>";

  private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}']+|[^\\s\\p{L}\\p{N}']");
  private static final int MIN_PAIR_COUNT = 2;

  private final String corpusFile;
  private final int vocabSize;
  private final List<String> vocabulary;
  private final List<Pair> merges;
  private final Map<Pair, Integer> ranks;
  private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

  /**
   * Learns a vocabulary of at most {@code vocabSize} symbols (never fewer than the corpus's
   * distinct characters) from the text of {@code corpusFile}.
   *
   * @param corpusFile a file or class-path resource of one sentence a line; a line with tabs
   *     contributes only the text after its last tab, so labelled files can be used as they are
   * @param vocabSize the vocabulary size to reach: the distinct characters plus one per merge
   */
  @Inject
  public SubwordTokenizer(@Named("trainingFile") String corpusFile, @Named("vocabSize") int vocabSize) {
    if (vocabSize <= 0) {
      throw new IllegalArgumentException("vocabSize must be positive, not " + vocabSize);
    }
    this.corpusFile = corpusFile;
    this.vocabSize = vocabSize;
    Map<String, Integer> wordCounts = new TreeMap<>();
    for (String line : CorpusFiles.lines(corpusFile)) {
      for (String word : words(line.substring(line.lastIndexOf('\t') + 1))) {
        wordCounts.merge(word, 1, Integer::sum);
      }
    }
    Learner learner = new Learner(wordCounts);
    List<String> symbols = new ArrayList<>(learner.alphabet());
    List<Pair> learned = new ArrayList<>();
    while (symbols.size() < vocabSize) {
      Pair best = learner.mostFrequentPair();
      if (best == null) {
        break;
      }
      learner.merge(best);
      learned.add(best);
      symbols.add(best.joined());
    }
    this.vocabulary = List.copyOf(symbols);
    this.merges = List.copyOf(learned);
    Map<Pair, Integer> rankOf = new HashMap<>();
    for (int i = 0; i < learned.size(); i++) {
      rankOf.put(learned.get(i), i);
    }
    this.ranks = Collections.unmodifiableMap(rankOf);
  }

  /** Returns the corpus the vocabulary was learned from. */
  public String corpusFile() {
    return corpusFile;
  }

  /** Returns the vocabulary size that was asked for. */
  public int vocabSize() {
    return vocabSize;
  }

  /** Returns the learned vocabulary: the corpus's characters, sorted, then one symbol per merge. */
  public List<String> vocabulary() {
    return vocabulary;
  }

  /** Returns the merges in the order they were learned, each as {@code "left right"}. */
  public List<String> merges() {
    return merges.stream().map(pair -> pair.left() + " " + pair.right()).toList();
  }

  @Override
  public List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    for (String word : words(text)) {
      tokens.addAll(cache.computeIfAbsent(word, this::encode));
    }
    return tokens;
  }

  private List<String> encode(String word) {
    List<String> symbols = symbols(word);
    while (symbols.size() > 1) {
      Pair best = null;
      int bestRank = Integer.MAX_VALUE;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        Integer rank = ranks.get(new Pair(symbols.get(i), symbols.get(i + 1)));
        if (rank != null && rank < bestRank) {
          bestRank = rank;
          best = new Pair(symbols.get(i), symbols.get(i + 1));
        }
      }
      if (best == null) {
        break;
      }
      symbols = best.applyTo(symbols);
    }
    return List.copyOf(symbols);
  }

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORDS.matcher(text.toLowerCase(Locale.ROOT));
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }

  private static List<String> symbols(String word) {
    List<String> symbols = new ArrayList<>();
    word.codePoints().forEach(c -> symbols.add(Character.toString(c)));
    int last = symbols.size() - 1;
    symbols.set(last, symbols.get(last) + END);
    return symbols;
  }

  @Override
  public String toString() {
    return "SubwordTokenizer(" + corpusFile + ", " + vocabulary.size() + " symbols)";
  }

  /** Two adjacent symbols. */
  private record Pair(String left, String right) implements Comparable<Pair> {
    String joined() {
      return left + right;
    }

    /** Returns {@code symbols} with every occurrence of this pair, from the left, merged. */
    List<String> applyTo(List<String> symbols) {
      List<String> merged = new ArrayList<>(symbols.size());
      for (int i = 0; i < symbols.size(); i++) {
        if (i + 1 < symbols.size() && symbols.get(i).equals(left) && symbols.get(i + 1).equals(right)) {
          merged.add(joined());
          i++;
        } else {
          merged.add(symbols.get(i));
        }
      }
      return merged;
    }

    @Override
    public int compareTo(Pair other) {
      int byLeft = left.compareTo(other.left);
      return byLeft != 0 ? byLeft : right.compareTo(other.right);
    }
  }

  /**
   * The learning state: every distinct word as its current symbols, with pair counts kept up to
   * date incrementally, so that a merge only revisits the words that contain its pair.
   */
  private static final class Learner {
    private final List<List<String>> words = new ArrayList<>();
    private final List<Integer> counts = new ArrayList<>();
    private final Map<Pair, Integer> pairCounts = new HashMap<>();
    private final Map<Pair, Set<Integer>> pairWords = new HashMap<>();
    private final Set<String> alphabet = new TreeSet<>();

    Learner(Map<String, Integer> wordCounts) {
      wordCounts.forEach((word, count) -> {
        List<String> symbols = symbols(word);
        alphabet.addAll(symbols);
        words.add(symbols);
        counts.add(count);
        count(words.size() - 1, +1);
      });
    }

    Set<String> alphabet() {
      return alphabet;
    }

    /** Returns the most frequent pair, the first in sort order among equals; null if none repeats. */
    Pair mostFrequentPair() {
      Pair best = null;
      int bestCount = MIN_PAIR_COUNT - 1;
      for (Map.Entry<Pair, Integer> entry : pairCounts.entrySet()) {
        int count = entry.getValue();
        if (count > bestCount || count == bestCount && best != null && entry.getKey().compareTo(best) < 0) {
          best = entry.getKey();
          bestCount = count;
        }
      }
      return best;
    }

    void merge(Pair pair) {
      // a word can stay listed under a pair it lost; re-counting it then changes nothing
      for (int word : new ArrayList<>(pairWords.getOrDefault(pair, Set.of()))) {
        count(word, -1);
        words.set(word, pair.applyTo(words.get(word)));
        count(word, +1);
      }
      pairWords.remove(pair);
    }

    private void count(int word, int sign) {
      List<String> symbols = words.get(word);
      int count = counts.get(word) * sign;
      for (int i = 0; i + 1 < symbols.size(); i++) {
        Pair pair = new Pair(symbols.get(i), symbols.get(i + 1));
        int updated = pairCounts.getOrDefault(pair, 0) + count;
        if (updated == 0) {
          pairCounts.remove(pair);
        } else {
          pairCounts.put(pair, updated);
        }
        if (sign > 0) {
          pairWords.computeIfAbsent(pair, p -> new HashSet<>()).add(word);
        }
      }
    }
  }
}
