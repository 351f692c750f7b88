using IamOps.Simulator.State;

namespace IamOps.Simulator;

/// <summary>Which user owns each access key: the lookup every signed call starts with. Rebuilt whenever the state is replaced.</summary>
internal sealed class AccessKeyIndex
{
    private readonly Dictionary<string, string> _owners = new(StringComparer.Ordinal);

    public void Add(string accessKeyId, string userName) => _owners[accessKeyId] = userName;

    public void Remove(string accessKeyId) => _owners.Remove(accessKeyId);

    public bool Contains(string accessKeyId) => _owners.ContainsKey(accessKeyId);

    public bool TryGetOwner(string accessKeyId, out string userName) => _owners.TryGetValue(accessKeyId, out userName!);

    public void Rebuild(AccountState state)
    {
        _owners.Clear();
        foreach (var user in state.Users.Values)
        {
            foreach (var key in user.AccessKeys)
            {
                _owners[key.AccessKeyId] = user.Name;
            }
        }
    }
}
