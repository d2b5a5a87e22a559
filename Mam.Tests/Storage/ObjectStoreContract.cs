using Mam.Integrity.Hashing;
using Mam.Storage;

namespace Mam.Tests.Storage;

/// <summary>What every <see cref="IObjectStore"/> promises, whatever holds the bytes. Each store gets a
/// subclass that only says how to make it; the same tests then hold all stores to one contract.</summary>
public abstract class ObjectStoreContract
{
    protected const int MiB = 1024 * 1024;

    /// <summary>Every store under test cuts parts this size (the smallest S3 allows).</summary>
    protected const int PartSizeMiB = 5;

    protected IObjectStore Store { get; private set; } = null!;

    protected abstract IObjectStore CreateStore();

    protected virtual void DisposeStore()
    {
        (Store as IDisposable)?.Dispose();
    }

    [SetUp]
    public void MakeStore() => Store = CreateStore();

    [TearDown]
    public void DropStore() => DisposeStore();

    [Test]
    public async Task Put_ThenOpenRead_ReturnsTheSameBytesAndReportsTheirSizeAndHash()
    {
        var bytes = RandomBytes(3 * MiB + 17);
        var key = NewKey("Clips/A001C001.mov");

        var stored = await Store.PutAsync(key, new MemoryStream(bytes), Xxh64.HashHex(bytes), CancellationToken.None);

        stored.ShouldBe(new StoredObject(key, bytes.Length, Xxh64.HashHex(bytes)));
        (await ReadAllAsync(key)).ShouldBe(bytes);
        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBe(bytes.Length);
    }

    [Test]
    public async Task Put_OfAStreamLargerThanAPart_FromAOneWayStream_StoresItWhole()
    {
        var bytes = RandomBytes((2 * PartSizeMiB * MiB) + 4321);
        var key = NewKey("Clips/A001C002.mov");

        var stored = await Store.PutAsync(key, new OneWayStream(bytes), expectedXxh64: null, CancellationToken.None);

        stored.Xxh64.ShouldBe(Xxh64.HashHex(bytes));
        (await ReadAllAsync(key)).ShouldBe(bytes);
    }

    [Test]
    public async Task Put_OfAnEmptyStream_StoresAnEmptyObject()
    {
        var key = NewKey("empty.txt");

        var stored = await Store.PutAsync(key, new MemoryStream(), Xxh64.HashHex([]), CancellationToken.None);

        stored.Size.ShouldBe(0);
        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBe(0);
    }

    [TestCase(1)]
    [TestCase((2 * PartSizeMiB * MiB) + 99)]
    public async Task Put_WithAWrongExpectedHash_StoresNothingAndKeepsTheObjectAlreadyThere(int length)
    {
        var key = NewKey("Clips/A001C003.mov");
        var original = RandomBytes(1000);
        await Store.PutAsync(key, new MemoryStream(original), null, CancellationToken.None);
        var fresh = NewKey("Clips/A001C004.mov");

        var replace = await Should.ThrowAsync<ObjectHashMismatchException>(() =>
            Store.PutAsync(key, new MemoryStream(RandomBytes(length)), "0123456789abcdef", CancellationToken.None));
        await Should.ThrowAsync<ObjectHashMismatchException>(() =>
            Store.PutAsync(fresh, new MemoryStream(RandomBytes(length)), "0123456789ABCDEF", CancellationToken.None));

        replace.Expected.ShouldBe("0123456789abcdef");
        (await ReadAllAsync(key)).ShouldBe(original, "the object already stored survives a refused write");
        (await Store.GetSizeAsync(fresh, CancellationToken.None)).ShouldBeNull("nothing is stored under a new key");
    }

    [Test]
    public async Task Put_WithTheExpectedHashInUpperCase_IsAccepted()
    {
        var bytes = RandomBytes(4096);
        var key = NewKey("upper.bin");

        var stored = await Store.PutAsync(key, new MemoryStream(bytes), Xxh64.HashHex(bytes).ToUpperInvariant(), CancellationToken.None);

        stored.Xxh64.ShouldBe(Xxh64.HashHex(bytes));
    }

    [TestCase("Clips/Day 1/A001 C005 take two.mov")]
    [TestCase("Clips/Drehtag Ä/Übersicht – Szene 3 «gut».wav")]
    [TestCase("Clips/日本語/撮影 01.mxf")]
    [TestCase("Clips/odd+chars&=%20;'@!$,(1).mov")]
    public async Task Put_WithSpacesUnicodeAndPunctuationInTheKey_RoundTrips(string path)
    {
        var bytes = RandomBytes(2048);
        var key = NewKey(path);

        await Store.PutAsync(key, new MemoryStream(bytes), Xxh64.HashHex(bytes), CancellationToken.None);

        (await ReadAllAsync(key)).ShouldBe(bytes);
        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBe(bytes.Length);
    }

    [TestCase("../outside.mov")]
    [TestCase("/absolute.mov")]
    [TestCase("projects//double-slash.mov")]
    public async Task Put_WithAnInvalidKey_IsRefused(string key)
    {
        await Should.ThrowAsync<InvalidObjectKeyException>(() =>
            Store.PutAsync(key, new MemoryStream([1, 2, 3]), null, CancellationToken.None));
    }

    [Test]
    public async Task Reading_AMissingKey_GivesNoSizeAndObjectNotFound()
    {
        var key = NewKey("never-written.mov");

        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBeNull();
        var missing = await Should.ThrowAsync<ObjectNotFoundException>(() => Store.OpenReadAsync(key, CancellationToken.None));
        missing.Key.ShouldBe(key);
    }

    [Test]
    public async Task Delete_RemovesTheObject_AndDeletingAgainIsHarmless()
    {
        var key = NewKey("to-delete.bin");
        await Store.PutAsync(key, new MemoryStream(RandomBytes(100)), null, CancellationToken.None);

        await Store.DeleteAsync(key, CancellationToken.None);
        await Store.DeleteAsync(key, CancellationToken.None);

        (await Store.GetSizeAsync(key, CancellationToken.None)).ShouldBeNull();
    }

    [Test]
    public async Task Put_AgainWithNewBytes_ReplacesTheObject()
    {
        var key = NewKey("replaced.bin");
        await Store.PutAsync(key, new MemoryStream(RandomBytes(5000)), null, CancellationToken.None);
        var second = RandomBytes(700);

        await Store.PutAsync(key, new MemoryStream(second), Xxh64.HashHex(second), CancellationToken.None);

        (await ReadAllAsync(key)).ShouldBe(second);
    }

    protected static string NewKey(string pathOnCard) =>
        ObjectKeys.Original("Contract Test", $"A{Guid.NewGuid():N}"[..9], pathOnCard);

    protected static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await Store.OpenReadAsync(key, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>A request body or pipe: no length, no seeking, short reads.</summary>
    protected sealed class OneWayStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 64 * 1024 + 3), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
