-- 0019 documents (PostgreSQL): receipts and commission invoices (docs/payments.md "Receipts and
-- invoices"; domain/receipt.h).
--
-- - document_counters: the last number each seller issued of each kind. A document takes the
--   next one in the transaction that pays its order, so numbers run 1, 2, 3... per seller and
--   kind without gaps (a rolled-back payment takes its number back with it).
-- - documents: one per order and kind, issued when the order is paid ('pending') and
--   'ready' once the outbox worker rendered it and stored the PDF under blob_key.
CREATE TABLE document_counters (
    seller_id BIGINT  NOT NULL REFERENCES sellers (id),
    kind      TEXT    NOT NULL CHECK (kind IN ('receipt', 'commission_invoice')),
    last_seq  BIGINT  NOT NULL CHECK (last_seq >= 1),
    PRIMARY KEY (seller_id, kind)
);

CREATE TABLE documents (
    id          BIGINT  PRIMARY KEY,
    kind        TEXT    NOT NULL CHECK (kind IN ('receipt', 'commission_invoice')),
    seller_id   BIGINT  NOT NULL REFERENCES sellers (id),
    order_id    BIGINT  NOT NULL REFERENCES orders (id),
    seq         BIGINT  NOT NULL CHECK (seq >= 1),
    number      TEXT    NOT NULL,
    status      TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'ready')),
    blob_key    TEXT,
    size        BIGINT  NOT NULL DEFAULT 0 CHECK (size >= 0),
    issued_at   BIGINT  NOT NULL,
    rendered_at BIGINT  NOT NULL DEFAULT 0,
    UNIQUE (order_id, kind),
    UNIQUE (seller_id, kind, seq),
    CHECK (status = 'pending' OR blob_key IS NOT NULL)
);
