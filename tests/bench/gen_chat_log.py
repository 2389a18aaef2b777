#!/usr/bin/env python3
"""Writes a large synthetic chat log for throughput benchmarks of the command line.

Replies are drawn (seeded, so every run writes the same file) from the labelled corpus
tests/data/corpus.tsv, with light variation: a greeting or closing added, an order number
or a price appended, so lines are not all identical.
  gen_chat_log.py --mb 100 --out /tmp/chat.txt [--jsonl]
"""
import argparse
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, '..', 'data', 'corpus.tsv')

PREFIX = ['', '', '亲，', '您好，', '亲亲，', '在的亲，']
SUFFIX = ['', '', '哦~', '，有问题随时联系客服', '，祝您生活愉快😊', '，请您耐心等待一下']


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--mb', type=float, default=100)
    ap.add_argument('--out', required=True)
    ap.add_argument('--jsonl', action='store_true')
    ap.add_argument('--seed', type=int, default=20261122)
    args = ap.parse_args()
    replies = []
    with open(CORPUS, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#') or not line.strip():
                continue
            parts = line.rstrip('\n').split('\t')
            if len(parts) == 3:
                replies.append(parts[2])
    rnd = random.Random(args.seed)
    target = int(args.mb * 1_000_000)
    written = 0
    with open(args.out, 'w', encoding='utf-8') as out:
        while written < target:
            text = rnd.choice(PREFIX) + rnd.choice(replies) + rnd.choice(SUFFIX)
            if rnd.random() < 0.1:
                text += f'，订单号{rnd.randint(200000, 299999)}-{rnd.randint(10**14, 10**15 - 1)}'
            if rnd.random() < 0.1:
                text += f'，实付¥{rnd.randint(9, 999)}.{rnd.randint(0, 99):02d}'
            line = (json.dumps({'text': text}, ensure_ascii=False) if args.jsonl else text) + '\n'
            out.write(line)
            written += len(line.encode('utf-8'))
    print(f'{args.out}: {written / 1e6:.1f} MB')


if __name__ == '__main__':
    main()
