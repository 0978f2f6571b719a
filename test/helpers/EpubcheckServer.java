// One EPUBCheck for many books: reads "<book>\t<report.json>" lines on standard input, checks each book as
// `epubcheck <book> --json <report.json>` would, and answers "done <status>" on standard output. The tests start
// one per test process, so the JVM starts (and warms up) once instead of once per book.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubcheckServer {
  public static void main(String[] args) throws Exception {
    PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    // EPUBCheck's own console output goes to standard error, out of the way of the answers.
    System.setOut(System.err);
    BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = requests.readLine(); line != null; line = requests.readLine()) {
      String[] paths = line.split("\t");
      int status;
      try {
        status = new EpubChecker().run(new String[] { paths[0], "--json", paths[1] });
      } catch (Throwable error) {
        error.printStackTrace();
        status = -1;
      }
      answers.println("done " + status);
    }
  }
}
