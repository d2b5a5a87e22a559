namespace Mam.Tests.Support;

/// <summary>Debian's real ffmpeg behind a script named <c>ffmpeg</c> that denies having one encoder or filter. It
/// stands in for an ffmpeg built without it (a minimal static build, a distribution that leaves out the
/// GPL libraries), which cannot be installed beside Debian's here. Every call is logged to
/// <see cref="CallLog"/>, one line of arguments each.</summary>
internal sealed class FfmpegStandIn
{
    private FfmpegStandIn(string path, string callLog)
    {
        Path = path;
        CallLog = callLog;
    }

    public string Path { get; }

    public string CallLog { get; }

    public int Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog).Length : 0;

    /// <param name="folder">A folder of the test's own; the script is written there.</param>
    public static FfmpegStandIn WithoutEncoder(string folder, string encoder) => Without(folder, "-encoders", encoder);

    /// <param name="folder">A folder of the test's own; the script is written there.</param>
    public static FfmpegStandIn WithoutFilter(string folder, string filter) => Without(folder, "-filters", filter);

    private static FfmpegStandIn Without(string folder, string listFlag, string name)
    {
        var path = System.IO.Path.Combine(folder, "ffmpeg");
        var log = System.IO.Path.Combine(folder, "ffmpeg-calls.log");
        File.WriteAllText(path, $"""
            #!/bin/sh
            echo "$*" >> '{log}'
            for a in "$@"; do
              if [ "$a" = "{listFlag}" ]; then
                {TestMedia.Ffmpeg} "$@" | grep -v ' {name} '
                exit 0
              fi
            done
            exec {TestMedia.Ffmpeg} "$@"

            """);
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The stand-in is a POSIX shell script around Debian's ffmpeg.");
        }
        else
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return new FfmpegStandIn(path, log);
    }
}
