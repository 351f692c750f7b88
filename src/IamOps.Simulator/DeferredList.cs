namespace IamOps.Simulator;

/// <summary>A port listing: the call is made when enumeration starts, as paging clients do, and then yields its items.</summary>
internal sealed class DeferredList<T> : IAsyncEnumerable<T>
{
    private readonly Func<IReadOnlyList<T>> _fetch;

    public DeferredList(Func<IReadOnlyList<T>> fetch) => _fetch = fetch;

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(_fetch, cancellationToken);

    private sealed class Enumerator : IAsyncEnumerator<T>
    {
        private readonly Func<IReadOnlyList<T>> _fetch;
        private readonly CancellationToken _cancellationToken;
        private IReadOnlyList<T>? _items;
        private int _index = -1;

        public Enumerator(Func<IReadOnlyList<T>> fetch, CancellationToken cancellationToken)
        {
            _fetch = fetch;
            _cancellationToken = cancellationToken;
        }

        public T Current => _items![_index];

        public ValueTask<bool> MoveNextAsync()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            _items ??= _fetch();
            _index++;
            return new ValueTask<bool>(_index < _items.Count);
        }

        public ValueTask DisposeAsync() => default;
    }
}
