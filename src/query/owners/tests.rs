//! Tests of how duties are attributed to bodies.

use super::permute;

#[test]
fn permute_puts_each_item_where_the_order_says() {
    let orders: [&[usize]; 5] = [&[], &[0], &[2, 0, 1], &[1, 0, 3, 2], &[4, 3, 0, 1, 2]];
    for order in orders {
        let mut items: Vec<char> = ('a'..).take(order.len()).collect();
        let want: Vec<char> = order.iter().map(|&i| items[i]).collect();
        permute(&mut items, order.to_vec());
        assert_eq!(items, want, "order {order:?}");
    }
}
