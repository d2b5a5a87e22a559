using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mam.Tests.Support;

/// <summary>A real SMTP server on loopback for the tests: Debian's aiosmtpd (python3-aiosmtpd, installed
/// by infra/install-deps.sh) with its Mailbox handler, which files each message it accepts into a
/// maildir. <see cref="Messages"/> reads them back as received, headers and all.</summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly TempFolder _folder = new("smtp");
    private readonly Process _process;

    private LocalSmtpServer(int port)
    {
        Port = port;
        // Debian's own Python, where the package is (a pyenv or venv python3 earlier on PATH has no aiosmtpd).
        var start = new ProcessStartInfo("/usr/bin/python3", ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
    }

    public int Port { get; }

    private string Maildir => Path.Combine(_folder.Path, "maildir");

    /// <summary>The messages the server accepted, oldest first, as raw text with the wire's CRLF line
    /// ends (the maildir keeps them with LF).</summary>
    public IReadOnlyList<string> Messages
    {
        get
        {
            var received = Path.Combine(Maildir, "new");
            return Directory.Exists(received)
                ? Directory.GetFiles(received).Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).Select(f => File.ReadAllText(f.FullName).ReplaceLineEndings("\r\n")).ToList()
                : [];
        }
    }

    /// <summary>Starts aiosmtpd on a free loopback port and waits until it accepts connections.</summary>
    public static async Task<LocalSmtpServer> StartAsync()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var server = new LocalSmtpServer(port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (server._process.HasExited)
            {
                var error = await server._process.StandardError.ReadToEndAsync();
                await server.DisposeAsync();
                throw new InvalidOperationException($"aiosmtpd exited at start (install python3-aiosmtpd: bash infra/install-deps.sh): {error}");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }
        await server.DisposeAsync();
        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{port} within 20 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _folder.Dispose();
    }
}
