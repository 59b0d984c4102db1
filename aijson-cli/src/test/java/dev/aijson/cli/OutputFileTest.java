package dev.aijson.cli;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.aijson.testing.CommandRun;
import dev.aijson.testing.FolderContents;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression: {@code -o OUT} wrote the output in place, so a write that failed midway (a full
 * disk) left a truncated file and lost the previous one. Every command now writes a temporary
 * file in OUT's folder and moves it over OUT; on a failure OUT is as it was and no temporary file
 * is left.
 */
class OutputFileTest {
  @TempDir Path folder;
  private Path pipeline;
  private Path output;

  @BeforeEach
  void writePipelineAndAPreviousOutput() throws IOException {
    pipeline = Files.writeString(folder.resolve("pipeline.json"), AiJsonCliTest.PIPELINE);
    output = Files.writeString(folder.resolve("params.tsv"), "Tokenizer.vocabSize\t50\n");
  }

  /** Writes half the bytes, then fails as a full disk does. */
  private static void diskFullHalfway(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes, 0, bytes.length / 2);
      throw new IOException("No space left on device");
    }
  }

  @Test
  void params_toAnExistingFile_replacesItAndLeavesNoTemporaryFile() throws IOException {
    CommandRun run = AiJsonCliTest.run("params", pipeline.toString(), "-o", output.toString());

    assertThat(run.code()).isEqualTo(0);
    assertThat(Files.readString(output)).startsWith("Tokenizer.file\tcorpus.txt\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv", "pipeline.json");
  }

  @Test
  void write_diskFullHalfway_exits2AndKeepsThePreviousFile() throws IOException {
    String text = "Tokenizer.vocabSize\t100\n".repeat(1000);

    Failure e = assertThrows(Failure.class, () -> Inputs.write("params", output, text,
        new PrintWriter(new StringWriter()), OutputFileTest::diskFullHalfway));

    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e).hasMessageThat().isEqualTo("aijson params: cannot write " + output
        + " (IOException: No space left on device). Its file system is full: free some space, or"
        + " write to another file system. Nothing was written; " + output + " is as it was.");
    assertThat(Files.readString(output)).isEqualTo("Tokenizer.vocabSize\t50\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv", "pipeline.json");
  }

  @Test
  void write_folderNotWritable_saysSoAndKeepsThePreviousFile() throws IOException {
    Failure e = assertThrows(Failure.class, () -> Inputs.write("params", output, "x\n",
        new PrintWriter(new StringWriter()), (file, bytes) -> {
          throw new java.nio.file.AccessDeniedException(output.toString());
        }));

    assertThat(e).hasMessageThat().isEqualTo("aijson params: cannot write " + output
        + " (AccessDeniedException: " + output + "). Its folder is not writable by this user: make"
        + " it writable, or write elsewhere. Nothing was written; " + output + " is as it was.");
    assertThat(Files.readString(output)).isEqualTo("Tokenizer.vocabSize\t50\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv", "pipeline.json");
  }

  @Test
  void write_textUtf8CannotEncode_saysSoInsteadOfBlamingTheFolder() throws IOException {
    Failure e = assertThrows(Failure.class, () -> Inputs.write("params", output,
        "Splitter.text\ta\ud800b\n", new PrintWriter(new StringWriter())));

    assertThat(e.exitCode()).isEqualTo(2);
    assertThat(e).hasMessageThat().isEqualTo("aijson params: cannot write " + output + ": the"
        + " output could not be encoded as UTF-8: it holds a lone surrogate, such as a string of"
        + " the document with the escape \\ud800 and no \\udc00-\\udfff after it. Nothing was"
        + " written; " + output + " is as it was. Change that string in the document, for example"
        + " with aijson set.");
    assertThat(Files.readString(output)).isEqualTo("Tokenizer.vocabSize\t50\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv", "pipeline.json");
  }

  @Test
  void dot_outputIsAnEmptyFolder_exits2AndLeavesTheFolder() throws IOException {
    Path target = Files.createDirectory(folder.resolve("graph.dot"));

    CommandRun run = AiJsonCliTest.run("dot", pipeline.toString(), "-o", target.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("aijson dot: cannot write " + target + " (FileSystemException: "
        + target + ": Is a directory). " + target + " is a folder: pass the path of a file, such"
        + " as one inside it. Nothing was written; " + target + " is as it was.\n");
    assertThat(Files.isDirectory(target)).isTrue();
    assertThat(FolderContents.names(target)).isEmpty();
    assertThat(FolderContents.names(folder)).containsExactly("graph.dot", "params.tsv", "pipeline.json");
  }

  @Test
  void mermaid_outputFolderMissing_exits2NamingTheFile() {
    Path target = folder.resolve("pictures").resolve("pipeline.mmd");

    CommandRun run = AiJsonCliTest.run("mermaid", pipeline.toString(), "-o", target.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("aijson mermaid: cannot write " + target
        + " (NoSuchFileException: " + target + "). Its folder does not exist: create it, or write"
        + " to a folder that exists. Nothing was written.\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv", "pipeline.json");
  }

  @Test
  void set_outputFolderIsAFile_exits2AndKeepsThatFile() throws IOException {
    Path target = output.resolve("tuned.json");

    CommandRun run = AiJsonCliTest.run("set", pipeline.toString(), "var0.kwargs.vocabSize=200",
        "-o", target.toString());

    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).isEqualTo("aijson set: cannot write " + target + " (FileSystemException: "
        + target + ": Not a directory). A part of its path is a file, not a folder: pass a path"
        + " whose folders exist. Nothing was written.\n");
    assertThat(Files.readString(output)).isEqualTo("Tokenizer.vocabSize\t50\n");
    assertThat(FolderContents.names(folder)).containsExactly("params.tsv", "pipeline.json");
  }
}
