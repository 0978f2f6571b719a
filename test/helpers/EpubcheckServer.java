// One EPUBCheck for every test process of a run: listens on a Unix socket (args[0]), reads one "<book>\t<report.json>"
// line per connection, checks the book as `epubcheck <book> --json <report.json>` would, answers "done <status>" and
// closes, one book at a time. The JVM starts and warms up once per test run instead of once per test file, and stops
// after args[1] seconds without a request or as soon as the test runner (pid args[3]) is gone. A lock file beside the
// socket makes it the only server: a second one waits.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

public class EpubcheckServer {
  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    long idleMillis = Long.parseLong(args[1]) * 1000;
    // EPUBCheck's own console output goes to standard error, out of the way.
    System.setOut(System.err);
    try (FileChannel lockFile = FileChannel.open(Path.of(args[0] + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        var lock = lockFile.lock()) {
      // Holding the lock, no other server is listening: a socket file left here is a dead one's.
      Files.deleteIfExists(socket);
      try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
          Selector selector = Selector.open()) {
        server.bind(UnixDomainSocketAddress.of(socket));
        // Listening: clients that start meanwhile connect instead of starting another server (args[2] says one is starting).
        if (args.length > 2) Files.deleteIfExists(Path.of(args[2]));
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        long lastRequest = System.currentTimeMillis();
        while (System.currentTimeMillis() - lastRequest < idleMillis && ownerAlive(args)) {
          if (selector.select(1000) == 0) continue;
          selector.selectedKeys().clear();
          for (SocketChannel client = server.accept(); client != null; client = server.accept()) answer(client);
          lastRequest = System.currentTimeMillis();
        }
        // Idle: stop taking requests before the socket goes, so a client either gets an answer or a refusal.
        server.close();
        Files.deleteIfExists(socket);
      }
    }
  }

  /** Whether the test run that started this server (args[3], the test runner's pid) is still going; true when none is named. */
  private static boolean ownerAlive(String[] args) {
    if (args.length < 4) return true;
    return ProcessHandle.of(Long.parseLong(args[3])).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void answer(SocketChannel client) {
    try (client) {
      client.configureBlocking(true);
      BufferedReader request = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8));
      String line = request.readLine();
      if (line == null) return;
      String[] paths = line.split("\t");
      int status;
      try {
        status = new EpubChecker().run(new String[] { paths[0], "--json", paths[1] });
      } catch (Throwable error) {
        error.printStackTrace();
        status = -1;
      }
      PrintStream answer = new PrintStream(Channels.newOutputStream(client), true, StandardCharsets.UTF_8);
      answer.println("done " + status);
    } catch (Exception error) {
      error.printStackTrace();
    }
  }
}
