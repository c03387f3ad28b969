namespace Flyte.Generators.Model;

/// <summary>
/// A record or class that travels as a STRUCT (msgpack). Built either through a constructor whose
/// parameters match properties by name (positional records) or through its property setters.
/// </summary>
internal sealed record RecordModel(
    string Identifier,
    EquatableArray<PropertyModel> Properties,
    EquatableArray<string> ConstructorParameters)
{
    private int _hashCode;

    public bool Equals(RecordModel? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (other is null || GetHashCode() != other.GetHashCode())
        {
            return false;
        }
        if (EqualityMemo<RecordModel>.KnownEqual(this, other))
        {
            return true;
        }
        bool equal = Identifier == other.Identifier
            && Properties.Equals(other.Properties)
            && ConstructorParameters.Equals(other.ConstructorParameters);
        if (equal)
        {
            EqualityMemo<RecordModel>.Remember(this, other);
        }
        return equal;
    }

    /// <summary>Computed once: the model is immutable, and records nest. (A <c>with</c> copy would carry the cached
    /// value along, so models of this type are only ever constructed.)</summary>
    public override int GetHashCode()
    {
        if (_hashCode == 0)
        {
            int hash = (Identifier.GetHashCode() * 31 + Properties.GetHashCode()) * 31 + ConstructorParameters.GetHashCode();
            _hashCode = hash == 0 ? 1 : hash;
        }
        return _hashCode;
    }
}

/// <summary>One public property of a record: its C# name, the key it has in msgpack/JSON, its type, its default if it has one.</summary>
internal sealed record PropertyModel(string Name, string Key, TypeModel Type, bool IsSettable, DefaultModel? Default);
