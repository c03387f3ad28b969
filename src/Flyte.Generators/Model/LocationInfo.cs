using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flyte.Generators.Model;

/// <summary>An equatable stand-in for <see cref="Location"/>, which holds a syntax tree and must not be cached.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan TextSpan, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, TextSpan, LineSpan);

    public static LocationInfo? From(Location? location) =>
        location?.SourceTree is null ? null : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
}
