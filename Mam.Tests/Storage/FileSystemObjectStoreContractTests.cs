using Mam.Storage;
using Mam.Tests.Support;
using Microsoft.Extensions.Options;

namespace Mam.Tests.Storage;

/// <summary>The store contract, multipart included, against the embedded folder store (no server).</summary>
[TestFixture]
public sealed class FileSystemObjectStoreContractTests : MultipartObjectStoreContract
{
    private TempFolder? _folder;

    protected override IObjectStore CreateStore()
    {
        _folder = new TempFolder("fs-store");
        return new FileSystemObjectStore(Options.Create(new StorageOptions { RootPath = _folder.Path, PartSizeMiB = PartSizeMiB }));
    }

    [TearDown]
    public void DeleteFolder() => _folder?.Dispose();
}
